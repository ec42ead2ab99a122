"""Participants pages: teams, institutions, judges and rooms of a tournament — lists, manual
add / edit / remove, and the CSV import with downloadable templates.

Tab directors (and admins) change things; ballot clerks may look. Refusals come from the
services as problem codes and are translated here (``MESSAGES``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import (
    BooleanField,
    FieldList,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tourney.models import Tournament
from tourney.services import csv_import, participants, swing
from tourney.services.csv_import import tabbycat
from tourney.services.errors import Conflict, ServiceError
from tourney.services.formats import format_for
from tourney.services.participants import (
    AdjudicatorData,
    InstitutionData,
    InvalidInput,
    Problem,
    TeamData,
    VenueData,
)
from tourney.web.admin import MENU, bp
from tourney.web.admin.forms import SwingTeamsForm
from tourney.web.admin.lookup import tournament_or_404
from tourney.web.admin.messages import service_message
from tourney.web.i18n import current_language
from tourney.web.paging import paged
from tourney.web.security import role_required

MESSAGES = {
    # a field or cell
    "required": _l("This field is required."),
    "too_long": _l("Too long (characters: %(length)s, limit: %(max)s)."),
    "control_characters": _l("Contains invisible control characters; retype the text."),
    "duplicate": _l("“%(value)s” already exists."),
    "duplicate_in_file": _l("“%(value)s” is already in row %(first)s of this file."),
    "lookalike": _l(
        "“%(value)s” contains old look-alike letters (%(letters)s). It was kept as typed;"
        " retype it with Tajik letters if that was not intended."
    ),
    "unknown_choice": _l("Choose one of the listed options."),
    "speaker_count": _l("A team needs %(expected)s speakers in this format; %(found)s given."),
    "duplicate_speaker": _l("“%(value)s” is listed twice in this team."),
    "rating_range": _l("The rating must be a number from 0 to %(max)s."),
    "rating_precision": _l("The rating may have at most two decimal places."),
    "priority_range": _l("The priority must be a whole number from 1 to %(max)s."),
    "speaker_has_scores": _l("A speaker who has scores on a ballot cannot be dropped."),
    "bad_yes_no": _l("“%(value)s” is neither yes nor no."),
    "bad_number": _l("“%(value)s” is not a number."),
    "unknown_value": _l("“%(value)s” is not one of the accepted values: %(accepted)s."),
    "unknown_region": _l("No region “%(value)s”: use DU, SU, KT, GB, RA or a region's name."),
    "unknown_institution": _l(
        "No institution “%(value)s” in this championship; import the institutions first."
    ),
    "unknown_division": _l("No division “%(value)s” in this tournament."),
    "unknown_conflict": _l("No team or institution “%(value)s”; separate several with |."),
    "ambiguous": _l("“%(value)s” matches several records; use the full name or the team code."),
    # removing
    "team_on_draw": _l(
        "This team cannot be removed: it is on the draw of rounds %(rounds)s and its results"
        " count for its opponents. Mark it absent for the coming rounds instead."
    ),
    "team_had_bye": _l("This team cannot be removed: it had a bye in rounds %(rounds)s."),
    "team_in_break": _l("This team cannot be removed: it is in the break."),
    "team_qualified": _l(
        "This team cannot be removed: it is linked to a qualification for the national final."
    ),
    "adjudicator_on_draw": _l(
        "This judge cannot be removed: they are on the draw or have ballots (rounds"
        " %(rounds)s). Mark them absent for the coming rounds instead."
    ),
    "venue_on_draw": _l(
        "This room cannot be removed: debates of rounds %(rounds)s take place in it. Mark it"
        " absent for the coming rounds instead."
    ),
    "institution_in_use": _l(
        "This institution cannot be removed: teams %(teams)s, judges %(judges)s, judges'"
        " conflicts %(conflicts)s refer to it (in all stages of the championship)."
    ),
    # the file as a whole
    "unknown_kind": _l("Choose what the file holds."),
    "spreadsheet_file": _l(
        "This is a spreadsheet (.xlsx, .xls or .ods), not CSV. In the spreadsheet program"
        " choose “Save as” → “CSV UTF-8” and upload that file."
    ),
    "encoding_cp1251": _l(
        "The file is in the Windows-1251 encoding, which has no Tajik letters (ғ ӣ қ ӯ ҳ ҷ)."
        " Save it again as “CSV UTF-8” and upload that file."
    ),
    "encoding": _l(
        "The file is not UTF-8 text (the first wrong byte is on line %(line)s). Save it as"
        " “CSV UTF-8”."
    ),
    "binary_file": _l("This is not a text file."),
    "broken_csv": _l(
        'The file is not valid CSV near line %(line)s: a quote mark (") is not closed, or text'
        " follows a closing quote."
    ),
    "cell_too_long": _l(
        'A cell near line %(line)s is far too long: probably a quote mark (") is never closed.'
    ),
    "too_many_rows": _l("The file is too long (row limit: %(max)s); split it into smaller files."),
    "empty_file": _l("The file is empty."),
    "no_rows": _l(
        "The file has a header but no rows to import (rows starting with # are skipped)."
    ),
    "missing_column": _l("A column is missing: %(expected)s."),
    "duplicate_column": _l("This column appears twice."),
    "unknown_column": _l("Unknown column; it was ignored."),
    "extra_cells": _l(
        "Cells in this row: %(count)s; in the header: %(expected)s. Check the separators."
    ),
    # Tabbycat's folder
    "unknown_team": _l("No team “%(value)s”; the teams come from speakers.csv."),
    "tabbycat_no_files": _l("None of Tabbycat's files was found; expected: %(names)s."),
    "tabbycat_file_ignored": _l("Tourney has no place for this file; it was ignored."),
    "tabbycat_column_ignored": _l("Tourney has no place for this column; it was ignored."),
    "tabbycat_region_ignored": _l(
        "No region “%(value)s” in Tajikistan; the institution was imported without a region."
    ),
    "tabbycat_institution_kept": _l(
        "“%(value)s” is already in this championship; the existing institution is used."
    ),
    "tabbycat_bad_zip": _l("This is not a readable .zip archive."),
    "tabbycat_zip_too_many": _l("The archive holds more than %(max)s files."),
    "tabbycat_unsafe_path": _l("The archive holds a file outside its folder: “%(name)s”."),
    "tabbycat_file_too_big": _l("“%(name)s” is larger than %(max)s KB."),
}
KIND_LABELS = {  # in the order to import them; each is also the endpoint of its list page
    "institutions": _l("Institutions"),
    "teams": _l("Teams with speakers"),
    "adjudicators": _l("Judges with conflicts"),
    "rooms": _l("Rooms"),
}
TABBYCAT_LABELS = {  # tabbycat.ORDER → what it became
    "institutions": KIND_LABELS["institutions"],
    "speakers": KIND_LABELS["teams"],
    "adjudicators": KIND_LABELS["adjudicators"],
    "venues": KIND_LABELS["rooms"],
}
NONE = 0  # the "—" choice of an optional select
MENU.append(("admin.teams", _l("Participants")))


def describe(problem: Problem) -> str:
    message = MESSAGES.get(problem.code)
    if message is None:
        return problem.code
    return str(message) % defaultdict(str, problem.params)


# --------------------------------------------------------------------------- forms


class ImportForm(FlaskForm):
    kind = SelectField(_l("What the file holds"), choices=list(KIND_LABELS.items()))
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a file."))])


class TabbycatForm(FlaskForm):
    files = MultipleFileField(
        _l("Tabbycat's CSV files or one .zip of the folder"),
        validators=[FileRequired(_l("Choose a file."))],
    )


class InstitutionForm(FlaskForm):
    name = StringField(_l("Name"))
    short_name = StringField(_l("Short name"))
    region = SelectField(_l("Region"), coerce=int)


class TeamForm(FlaskForm):
    name = StringField(_l("Team name"))
    code = StringField(_l("Code"), description=_l("Leave empty for the next free code."))
    institution = SelectField(_l("Institution"), coerce=int)
    division = SelectField(_l("Division"), coerce=int)
    speakers = FieldList(StringField())
    category = StringField(_l("Speaker category"), description=_l("e.g. school or university"))
    needs_access = BooleanField(_l("Needs step-free access"))


class CheckboxesField(SelectMultipleField):
    """A multiple choice as a list of checkboxes: easier than a multi-select on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AdjudicatorForm(FlaskForm):
    name = StringField(_l("Name"))
    institution = SelectField(_l("Institution"), coerce=int)
    region = SelectField(
        _l("Region"), coerce=int, description=_l("Leave empty to use the institution's region.")
    )
    rating = StringField(_l("Rating (0–10)"), validators=[InputRequired()])
    role = SelectField(
        _l("Role"),
        choices=[
            ("any", _l("Any (chair or panellist)")),
            ("wing", _l("Panellist only")),
            ("trainee", _l("Trainee")),
        ],
    )
    team_conflicts = CheckboxesField(_l("Conflicts with teams"), coerce=int)
    institution_conflicts = CheckboxesField(_l("Conflicts with institutions"), coerce=int)
    needs_access = BooleanField(_l("Needs step-free access"))


class VenueForm(FlaskForm):
    name = StringField(_l("Room"))
    building = StringField(_l("Building"))
    priority = IntegerField(
        _l("Priority"),
        default=1,
        validators=[Optional()],
        description=_l("1 = best room; blank = no priority"),
    )
    accessible = BooleanField(_l("Step-free access"), default=True)


def _choices(items: list[Any], label: Callable[[Any], str], *, blank: bool) -> list:
    options = [(item.id, label(item)) for item in items]
    return [(NONE, "—"), *options] if blank else options


def _optional(value: int | None) -> int | None:
    return None if value in (None, NONE) else value


def _region_label(region: Any) -> str:
    return region.label(current_language())


def _institution_form(t: Tournament, entity: Any) -> InstitutionForm:
    data = None
    if entity is not None:
        data = {"name": entity.name, "short_name": entity.short_name, "region": entity.region_id}
    form = InstitutionForm(data=data)
    form.region.choices = _choices(participants.regions(), _region_label, blank=True)
    return form


def _institution_data(form: InstitutionForm) -> InstitutionData:
    return InstitutionData(
        name=form.name.data or "",
        short_name=form.short_name.data or "",
        region_id=_optional(form.region.data),
    )


def _team_form(t: Tournament, entity: Any) -> TeamForm:
    data = None
    if entity is not None:
        data = {
            "name": entity.name,
            "code": entity.code,
            "institution": entity.institution_id,
            "division": entity.division_id,
            "speakers": [s.name for s in entity.speakers],
            "category": entity.speakers[0].category if entity.speakers else "",
            "needs_access": entity.needs_access,
        }
    form = TeamForm(data=data)
    form.institution.choices = _choices(participants.institutions(t), lambda i: i.name, blank=True)
    if t.divisions:
        form.division.choices = _choices(t.divisions, lambda d: d.name, blank=True)
    else:  # most tournaments have no language leagues
        del form.division
    while len(form.speakers) < format_for(t).speakers_per_team:
        form.speakers.append_entry()
    for number, entry in enumerate(form.speakers, 1):
        entry.label.text = _("Speaker %(number)s", number=number)
    return form


def _team_data(form: TeamForm) -> TeamData:
    return TeamData(
        name=form.name.data or "",
        speakers=[entry.data or "" for entry in form.speakers],
        code=form.code.data or "",
        institution_id=_optional(form.institution.data),
        division_id=_optional(form.division.data) if "division" in form else None,
        needs_access=form.needs_access.data,
        category=form.category.data or "",
    )


def _adjudicator_form(t: Tournament, entity: Any) -> AdjudicatorForm:
    data = None
    if entity is not None:
        data = {
            "name": entity.name,
            "institution": entity.institution_id,
            "region": entity.region_id,
            "rating": f"{entity.rating.normalize():f}",
            "role": entity.role,
            "team_conflicts": [team.id for team in entity.team_conflicts],
            "institution_conflicts": [i.id for i in entity.institution_conflicts],
            "needs_access": entity.needs_access,
        }
    form = AdjudicatorForm(data=data or {"rating": "5"})
    institutions = participants.institutions(t)
    form.institution.choices = _choices(institutions, lambda i: i.name, blank=True)
    form.region.choices = _choices(participants.regions(), _region_label, blank=True)
    form.team_conflicts.choices = _choices(
        participants.teams(t), lambda team: f"{team.code} · {team.name}", blank=False
    )
    form.institution_conflicts.choices = _choices(institutions, lambda i: i.name, blank=False)
    return form


def _adjudicator_data(form: AdjudicatorForm) -> AdjudicatorData:
    try:
        rating = Decimal((form.rating.data or "").strip().replace(",", "."))
    except InvalidOperation:
        rating = Decimal("NaN")  # refused by the service as out of range
    return AdjudicatorData(
        name=form.name.data or "",
        institution_id=_optional(form.institution.data),
        region_id=_optional(form.region.data),
        rating=rating,
        role=form.role.data,
        needs_access=form.needs_access.data,
        team_conflicts=list(form.team_conflicts.data or []),
        institution_conflicts=list(form.institution_conflicts.data or []),
    )


def _venue_form(t: Tournament, entity: Any) -> VenueForm:
    data = None
    if entity is not None:
        data = {
            "name": entity.name,
            "building": entity.building,
            "priority": entity.priority if entity.has_priority else None,
            "accessible": entity.accessible,
        }
    return VenueForm(data=data)


def _venue_data(form: VenueForm) -> VenueData:
    return VenueData(
        name=form.name.data or "",
        building=form.building.data or "",
        priority=(
            form.priority.data if form.priority.data is not None else participants.NO_PRIORITY
        ),
        accessible=form.accessible.data,
    )


# --------------------------------------------------------------------------- the four kinds


@dataclass(frozen=True)
class Page:
    kind: str  # the service's name: "team"
    path: str  # the URL segment and list endpoint: "teams"
    title: Any
    new_title: Any
    build_form: Callable[[Tournament, Any], FlaskForm]
    to_data: Callable[[Any], Any]
    listing: Callable[[Tournament], list]


PAGES = [
    Page(
        "team",
        "teams",
        _l("Teams"),
        _l("New team"),
        _team_form,
        _team_data,
        participants.teams,
    ),
    Page(
        "institution",
        "institutions",
        _l("Institutions"),
        _l("New institution"),
        _institution_form,
        _institution_data,
        participants.institutions,
    ),
    Page(
        "adjudicator",
        "adjudicators",
        _l("Judges"),
        _l("New judge"),
        _adjudicator_form,
        _adjudicator_data,
        participants.adjudicators,
    ),
    Page(
        "venue", "rooms", _l("Rooms"), _l("New room"), _venue_form, _venue_data, participants.venues
    ),
]


def _user() -> Any:
    return current_user._get_current_object()


def _entity(t: Tournament, page: Page, entity_id: int) -> Any:
    entity = participants.get(t, page.kind, entity_id)
    if entity is None:
        abort(404)
    return entity


def _place_problems(form: FlaskForm, problems: list[Problem]) -> list[str]:
    """Attach each problem to its field; the rest are returned for the top of the form."""
    general = []
    for problem in problems:
        target = getattr(form, problem.column, None) if problem.column else None
        if problem.column.startswith("speaker_"):
            index = int(problem.column.removeprefix("speaker_")) - 1
            target = form.speakers[index] if index < len(form.speakers) else None
        if target is None or isinstance(target, FieldList):
            general.append(describe(problem))
        else:
            target.errors = [*target.errors, describe(problem)]
    return general


def _flash_warnings(warnings: list[Problem]) -> None:
    for warning in warnings:
        flash(describe(warning), "warning")


ROWS_PER_PAGE = 100


def list_view(slug: str, page: Page):
    t = tournament_or_404(slug)
    return render_template(
        f"admin/participants/{page.path}.html",
        t=t,
        page=page,
        items=paged(page.listing(t), ROWS_PER_PAGE),
        can_edit=current_user.has_role("tab_director"),
        swing_needed=swing.needed(t) if page.kind == "team" else 0,
        swing_form=SwingTeamsForm(),
    )


@bp.post("/t/<slug>/teams/swing")
@role_required("tab_director")
def add_swing_teams(slug: str):
    """One action: the swing teams that make a four-team field whole rooms."""
    t = tournament_or_404(slug)
    form = SwingTeamsForm()
    if form.validate_on_submit():
        try:
            added = swing.add_swing_teams(
                t,
                _user(),
                (form.speakers.data or "").splitlines(),
                team_name=_("Swing %(number)s", number="%(number)s"),
            )
        except ServiceError as refused:
            flash(service_message(refused), "error")
        else:
            names = ", ".join(team.name for team in added)
            flash(_("Swing teams added: %(names)s.", names=names), "success")
    else:
        flash(_("The list of names is too long."), "error")
    return redirect(url_for("admin.teams", slug=t.slug))


def form_view(slug: str, page: Page, entity_id: int | None = None):
    t = tournament_or_404(slug)
    entity = _entity(t, page, entity_id) if entity_id is not None else None
    form = page.build_form(t, entity)
    general: list[str] = []
    status = 200
    if form.validate_on_submit():
        data = page.to_data(form)
        try:
            if entity is None:
                outcome = participants.add(t, data, _user())
            else:
                outcome = participants.edit(t, entity.id, data, _user())
        except InvalidInput as refused:
            general, status = _place_problems(form, refused.problems), 422
        except Conflict as clash:  # e.g. two screens took the next free team code at once
            general, status = [service_message(clash)], 409
        else:
            flash(_("Saved: %(name)s.", name=outcome.entity.name), "success")
            _flash_warnings(outcome.warnings)
            return redirect(url_for(f"admin.{page.path}", slug=t.slug))
    elif request.method == "POST":
        status = 422
    return render_template(
        "admin/participants/form.html",
        t=t,
        page=page,
        form=form,
        entity=entity,
        general_errors=general,
    ), status


def remove_view(slug: str, page: Page, entity_id: int):
    t = tournament_or_404(slug)
    entity = _entity(t, page, entity_id)
    blockers = participants.removal_blockers(entity)
    if request.method == "POST" and not blockers:
        name = entity.name
        try:
            participants.remove(t, page.kind, entity.id, _user())
        except InvalidInput as refused:
            blockers = refused.problems
        except Conflict:
            abort(409)
        else:
            flash(_("Removed: %(name)s.", name=name), "success")
            return redirect(url_for(f"admin.{page.path}", slug=t.slug))
    return render_template(
        "admin/participants/remove.html",
        t=t,
        page=page,
        entity=entity,
        blockers=[describe(b) for b in blockers],
    ), (409 if blockers and request.method == "POST" else 200)


for _page in PAGES:
    _base = f"/t/<slug>/{_page.path}"
    bp.add_url_rule(
        _base,
        endpoint=_page.path,
        view_func=role_required("tab_director", "ballot_clerk")(partial(list_view, page=_page)),
    )
    bp.add_url_rule(
        f"{_base}/new",
        endpoint=f"{_page.kind}_new",
        view_func=role_required("tab_director")(partial(form_view, page=_page)),
        methods=["GET", "POST"],
    )
    bp.add_url_rule(
        f"{_base}/<int:entity_id>/edit",
        endpoint=f"{_page.kind}_edit",
        view_func=role_required("tab_director")(partial(form_view, page=_page)),
        methods=["GET", "POST"],
    )
    bp.add_url_rule(
        f"{_base}/<int:entity_id>/remove",
        endpoint=f"{_page.kind}_remove",
        view_func=role_required("tab_director")(partial(remove_view, page=_page)),
        methods=["GET", "POST"],
    )


# --------------------------------------------------------------------------- import


@bp.route("/t/<slug>/import", methods=["GET", "POST"])
@role_required("tab_director")
def import_participants(slug: str):
    t = tournament_or_404(slug)
    form = ImportForm()
    if request.method == "GET" and request.args.get("kind") in KIND_LABELS:
        form.kind.data = request.args["kind"]
    problems: list[Problem] = []
    report = None
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = csv_import.import_file(
                t, form.kind.data, upload.read(), _user(), filename=upload.filename or ""
            )
        except InvalidInput as refused:
            problems, status = refused.problems, 422
        except Conflict:
            abort(409)
        else:
            if not report.warnings:  # else the page shows the report with its warnings
                flash(_("Rows imported: %(count)s.", count=report.created), "success")
                return redirect(url_for(f"admin.{report.kind}", slug=t.slug))
    elif request.method == "POST":
        status = 422
    return render_template(
        "admin/participants/import.html",
        t=t,
        form=form,
        kinds=KIND_LABELS,
        problems=problems,
        report=report,
        describe=describe,
        tabbycat_form=TabbycatForm(prefix="tabbycat"),
    ), status


@bp.post("/t/<slug>/import/tabbycat")
@role_required("tab_director")
def import_tabbycat(slug: str):
    """Tabbycat's folder: several CSV files, or one .zip of them, imported all or nothing."""
    t = tournament_or_404(slug)
    form = TabbycatForm(prefix="tabbycat")
    problems: list[Problem] = []
    report = None
    status = 422
    if form.validate_on_submit():
        try:
            report = tabbycat.import_folder(t, _tabbycat_files(form.files.data), _user())
        except InvalidInput as refused:
            problems = refused.problems
        except Conflict:
            abort(409)
        else:
            status = 200
    return render_template(
        "admin/participants/import.html",
        t=t,
        form=ImportForm(formdata=None),
        kinds=KIND_LABELS,
        problems=problems,
        describe=describe,
        tabbycat_form=form,
        tabbycat_report=report,
        tabbycat_labels=TABBYCAT_LABELS,
    ), status


def _tabbycat_files(uploads: list[Any]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for upload in uploads:
        name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].lower()
        raw = upload.read()
        files.update(tabbycat.read_zip(raw) if name.endswith(".zip") else {name: raw})
    return files


@bp.get("/t/<slug>/import/template/<kind>.csv")
@role_required("tab_director")
def import_template(slug: str, kind: str):
    t = tournament_or_404(slug)
    if kind not in KIND_LABELS:
        abort(404)
    body = csv_import.template(kind, current_language(), t)
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'},
    )
