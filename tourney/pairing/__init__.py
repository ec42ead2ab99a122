"""Pure draw engines. Two-team rounds: `engine.pair_round(PairingRequest) -> Draw`,
`costs.evaluate_pairing` for hand-edited pairings, `codec` for JSON (kept out of this module
so importing the package stays cheap)."""
