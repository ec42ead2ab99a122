"""The domain model. Importing this package registers every table on ``db.metadata``."""

from tourney.models.breaks import BreakCategory, BreakEligibility, BreakingTeam, Qualification
from tourney.models.championship import Championship, Division, Region, ScheduleItem, Tournament
from tourney.models.draw import (
    Bye,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Motion,
    Round,
    RoundAbsence,
    RoundStatus,
)
from tourney.models.feedback import Feedback, FeedbackQuestion
from tourney.models.jobs import DocumentJob
from tourney.models.participants import (
    Adjudicator,
    AdjudicatorInstitutionConflict,
    AdjudicatorTeamConflict,
    Institution,
    Speaker,
    Team,
    Venue,
)
from tourney.models.results import Ballot, DebateResult, SpeakerScore
from tourney.models.users import AuditEvent, LoginSession, User

__all__ = [
    "Adjudicator",
    "AdjudicatorInstitutionConflict",
    "AdjudicatorTeamConflict",
    "AuditEvent",
    "Ballot",
    "BreakCategory",
    "BreakEligibility",
    "BreakingTeam",
    "Bye",
    "Championship",
    "Debate",
    "DebateAdjudicator",
    "DebateResult",
    "DebateTeam",
    "Division",
    "DocumentJob",
    "Feedback",
    "FeedbackQuestion",
    "Institution",
    "LoginSession",
    "Motion",
    "Qualification",
    "Region",
    "Round",
    "RoundAbsence",
    "RoundStatus",
    "ScheduleItem",
    "Speaker",
    "SpeakerScore",
    "Team",
    "Tournament",
    "User",
    "Venue",
]
