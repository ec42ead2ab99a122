"""Pure draw engines. Two-team and four-team (BP) rounds: `engine.pair_round(PairingRequest) ->
Draw`, `costs.evaluate_pairing` for hand-edited two-team pairings, `codec` for JSON (kept out of
this module so importing the package stays cheap)."""
