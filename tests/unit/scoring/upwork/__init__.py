"""Hand-computed cases for each rule of SPEC §3 under the `upwork` policies."""
