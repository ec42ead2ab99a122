"""Scoring engine (pure): formats, ballot validation, debate results, standings, speaker tab,
break and qualification. Plain data in, plain data out; no Flask, no database.

Typical service flow: `validate_ballot` each ballot → `decide_debate` on a panel's ballots →
`team_round_results` / `speaker_round_scores` → `compute_standings` / `speaker_tab` →
`compute_break` → `qualify` across district qualifiers.
"""

from tourney.scoring.ballots import (
    ERROR_CODES,
    BallotError,
    BallotInput,
    DebateContext,
    ErrorCode,
    SpeechScore,
    validate_ballot,
)
from tourney.scoring.breaks import (
    BreakCategory,
    BreakingTeam,
    BreakRemark,
    BreakResult,
    CategoryBreak,
    compute_break,
)
from tourney.scoring.formats import FORMATS, Format, SpeechPosition
from tourney.scoring.qualification import (
    WILDCARD_PRECEDENCE,
    CutTie,
    QualificationResult,
    Qualifier,
    qualify,
)
from tourney.scoring.results import (
    PANEL_ERROR_CODES,
    DebateResult,
    PanelError,
    PanelErrorCode,
    SpeakerResult,
    decide_debate,
    speaker_round_scores,
    team_round_results,
    validate_panel,
)
from tourney.scoring.speakers import SpeakerRoundScore, SpeakerRow, SpeakerTab, speaker_tab
from tourney.scoring.standings import (
    PRESETS,
    TEAM_METRICS,
    StandingRow,
    Standings,
    TeamRoundResult,
    compute_standings,
)

__all__ = [
    "ERROR_CODES",
    "FORMATS",
    "PANEL_ERROR_CODES",
    "PRESETS",
    "TEAM_METRICS",
    "WILDCARD_PRECEDENCE",
    "BallotError",
    "BallotInput",
    "BreakCategory",
    "BreakRemark",
    "BreakResult",
    "BreakingTeam",
    "CategoryBreak",
    "CutTie",
    "DebateContext",
    "DebateResult",
    "ErrorCode",
    "Format",
    "PanelError",
    "PanelErrorCode",
    "QualificationResult",
    "Qualifier",
    "SpeakerResult",
    "SpeakerRoundScore",
    "SpeakerRow",
    "SpeakerTab",
    "SpeechPosition",
    "SpeechScore",
    "StandingRow",
    "Standings",
    "TeamRoundResult",
    "compute_break",
    "compute_standings",
    "decide_debate",
    "qualify",
    "speaker_round_scores",
    "speaker_tab",
    "team_round_results",
    "validate_ballot",
    "validate_panel",
]
