"""Printed documents rendered on the server with WeasyPrint, so printing does not depend on the
tab room's browser. Each module builds plain page data from the models and renders one template of
``templates/documents/`` to a single PDF:

- ``ballots``: paper ballots for a round or one debate (with each judge's QR link), judge cards;
- ``certificates``: participation, speaker and team awards, best adjudicator, qualification;
- ``draw_sheets``: the draw by room and by team, the judges' allocation;
- ``booklet``: the tab booklet (standings, speaker tab, results by round, break bracket).
"""
