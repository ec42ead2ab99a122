"""Printable PDFs for the organisers: ballots, judge cards, draw sheets, certificates, tab booklet.

Any logged-in organiser may download; changing the certificate options needs a tab director.
Ballots and judge cards carry judges' private links, so no PDF is ever cached.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from tourney.documents import (
    ballots,
    booklet,
    certificate_options,
    certificates,
    draw_sheets,
    feedback_forms,
    jobs,
    logo,
    queries,
)
from tourney.documents.render import Batch
from tourney.extensions import db
from tourney.models import DocumentJob, Round, Tournament
from tourney.services import tournaments
from tourney.web.admin import MENU, bp
from tourney.web.admin.lookup import tournament_or_404
from tourney.web.security import role_required

MENU.append(("admin.documents", _l("Documents")))

LOGO_REFUSALS = {
    "too_large": _l("The logo file is larger than 2 MB."),
    "too_many_pixels": _l(
        "The logo has too many pixels (at most 25 megapixels). Save it smaller and upload it again."
    ),
    "trailing_data": _l(
        "The logo file carries other data after the picture. Open it in an image editor and save it again as PNG or JPEG."
    ),
    "not_an_image": _l("Choose a PNG or JPEG image (SVG and other formats are not accepted)."),
    "damaged": _l("The logo file is damaged or not a complete PNG or JPEG image."),
}


class SignatoryForm(Form):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    title = StringField(_l("Position"), validators=[Optional(), Length(max=120)])

    def validate_title(self, field: StringField) -> None:
        if (field.data or "").strip() and not (self.name.data or "").strip():
            raise ValidationError(_("Write the name of who signs with this position."))


class CertificateOptionsForm(FlaskForm):
    layout = SelectField(_l("Layout"), choices=list(certificate_options.LAYOUTS.items()))
    signatories = FieldList(FormField(SignatoryForm), min_entries=3, max_entries=3)
    speaker_awards = IntegerField(
        _l("Speaker awards: how many of the best speakers"), validators=[NumberRange(1, 50)]
    )
    best_adjudicators = SelectMultipleField(_l("Best adjudicators"), coerce=int, choices=[])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=120)])
    awarded_on = DateField(_l("Date on the certificates"), validators=[Optional()])
    logo = FileField(
        _l("Logo (PNG or JPEG, at most 2 MB)"),
        validators=[FileAllowed(["png", "jpg", "jpeg"], _l("Choose a PNG or JPEG image."))],
    )
    remove_logo = BooleanField(_l("Remove the current logo"))

    def fill(self, options: certificate_options.Options) -> None:
        self.layout.data = options.layout
        for entry, signatory in zip(self.signatories.entries, options.signatories, strict=False):
            entry.form.name.data, entry.form.title.data = signatory.name, signatory.title
        self.speaker_awards.data = options.speaker_awards
        self.best_adjudicators.data = list(options.best_adjudicators)
        self.place.data = options.place
        self.awarded_on.data = options.awarded_on

    def options(self) -> certificate_options.Options:
        return certificate_options.Options(
            layout=self.layout.data,
            signatories=tuple(
                certificate_options.Signatory(
                    e.form.name.data.strip(), (e.form.title.data or "").strip()
                )
                for e in self.signatories.entries
                if e.form.name.data and e.form.name.data.strip()
            ),
            speaker_awards=self.speaker_awards.data,
            best_adjudicators=tuple(self.best_adjudicators.data or ()),
            place=(self.place.data or "").strip(),
            awarded_on=self.awarded_on.data,
        )


def _options_form(t: Tournament) -> CertificateOptionsForm:
    form = CertificateOptionsForm()
    form.best_adjudicators.choices = [(j.id, j.name) for j in queries.adjudicators(t)]
    return form


def _pdf(data: bytes, name: str):
    response = send_file(
        BytesIO(data), mimetype="application/pdf", as_attachment=True, download_name=name
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _back(t: Tournament, message: str):
    flash(message, "warning")
    return redirect(url_for("admin.documents", slug=t.slug))


def _drawn_round(t: Tournament, seq: int) -> Round | None:
    rnd = queries.round_draw(t, seq)
    if rnd is None:
        abort(404)
    return rnd if rnd.debates else None


@bp.get("/t/<slug>/documents")
@login_required
def documents(slug: str):
    t = tournament_or_404(slug)
    form = _options_form(t)
    form.fill(certificate_options.options_for(t))
    return _page(t, form)


def _page(t: Tournament, form: CertificateOptionsForm, status: int = 200):
    debates = queries.debates_by_round(t)
    options = certificate_options.options_for(t)
    return render_template(
        "admin/documents.html",
        t=t,
        rounds=[(r, debates[r.id]) for r in tournaments.rounds_of(t) if r.id in debates],
        kinds=certificates.KINDS,
        languages=current_app.config["LANGUAGES"],
        form=form,
        options=options,
        logo_readable=certificate_options.logo_data_uri(options) is not None,
        room_name=ballots.room_name,
    ), status


@bp.post("/t/<slug>/documents/certificates", endpoint="certificate_options")
@role_required("tab_director")
def save_certificate_options(slug: str):
    t = tournament_or_404(slug)
    form = _options_form(t)
    if not form.validate_on_submit():
        return _page(t, form, 400)
    upload = form.logo.data
    try:
        certificate_options.save_options(
            t,
            form.options(),
            user=current_user,
            logo=upload.read() if upload else None,
            remove_logo=form.remove_logo.data,
        )
    except logo.LogoRefused as refused:
        form.logo.errors = [str(LOGO_REFUSALS[refused.code])]
        return _page(t, form, 400)
    flash(_("Certificate options saved."), "success")
    return redirect(url_for("admin.documents", slug=t.slug))


def _busy(t: Tournament, busy: jobs.Busy):
    """Refused at once, so one person cannot occupy every worker with documents."""
    page = render_template(
        "error.html",
        code=429,
        message=_(
            "A document you asked for is still being made. Wait until it is ready, then ask again."
        ),
        link=url_for("admin.document_job", slug=t.slug, job_id=busy.job.id) if busy.job else None,
        link_text=_("See its progress"),
    )
    return page, 429, {"Retry-After": "10"}


def _batch_pdf(
    t: Tournament, kind: str, name: str, build: Callable[[], Batch | None], empty: str = ""
):
    """A small batch now; a large one in the background, followed on its progress page.
    ``empty`` is said when ``build`` finds nothing to print."""
    try:
        made = jobs.make(current_user, t, kind, name, build)
    except jobs.Busy as busy:
        return _busy(t, busy)
    if made is None:
        return _back(t, empty)
    if isinstance(made, bytes):
        return _pdf(made, f"{name}.pdf")
    return redirect(url_for("admin.document_job", slug=t.slug, job_id=made.id), 303)


@bp.get("/t/<slug>/rounds/<int:seq>/ballots.pdf")
@role_required("tab_director")  # each page carries a judge's private link
def ballots_pdf(slug: str, seq: int):
    t = tournament_or_404(slug)
    rnd = _drawn_round(t, seq)
    if rnd is None:
        return _back(t, _("This round has no draw yet."))
    debate_id = request.args.get("debate", type=int)
    if debate_id is not None and all(d.id != debate_id for d in rnd.debates):
        abort(404)
    suffix = f"-debate-{debate_id}" if debate_id else ""
    return _batch_pdf(
        t,
        "ballots",
        f"{t.slug}-round-{seq}-ballots{suffix}",
        lambda: ballots.ballots_batch(t, rnd, debate_id),
        _("This round has no draw yet."),
    )


@bp.get("/t/<slug>/rounds/<int:seq>/feedback.pdf")
@login_required
def feedback_forms_pdf(slug: str, seq: int):
    """Paper feedback forms: they carry no private link, so any organiser may print them."""
    t = tournament_or_404(slug)
    rnd = _drawn_round(t, seq)
    if rnd is None:
        return _back(t, _("This round has no draw yet."))
    name = f"{t.slug}-round-{seq}-feedback"
    return _batch_pdf(t, "feedback", name, lambda: feedback_forms.feedback_forms_batch(t, rnd))


SHEETS = {
    "draw-by-room": draw_sheets.draw_by_room_batch,
    "draw-by-team": draw_sheets.draw_by_team_batch,
    "allocation": draw_sheets.allocation_batch,
}


@login_required
def round_sheet_pdf(slug: str, seq: int, sheet: str):
    t = tournament_or_404(slug)
    rnd = _drawn_round(t, seq)
    if rnd is None:
        return _back(t, _("This round has no draw yet."))
    name = f"{t.slug}-round-{seq}-{sheet}"
    return _batch_pdf(t, sheet, name, lambda: SHEETS[sheet](t, rnd))


# One endpoint per sheet (admin.draw_by_room_pdf, admin.draw_by_team_pdf, admin.allocation_pdf).
for _sheet in SHEETS:
    bp.add_url_rule(
        f"/t/<slug>/rounds/<int:seq>/{_sheet}.pdf",
        f"{_sheet.replace('-', '_')}_pdf",
        round_sheet_pdf,
        defaults={"sheet": _sheet},
    )


@bp.get("/t/<slug>/adjudicators/cards.pdf")
@role_required("tab_director")  # every judge's private link, like the link page
def judge_cards_pdf(slug: str):
    t = tournament_or_404(slug)
    if not queries.adjudicators(t):
        return _back(t, _("This tournament has no adjudicators yet."))
    name = f"{t.slug}-judge-cards"
    return _batch_pdf(t, "judge-cards", name, lambda: ballots.judge_cards_batch(t))


@bp.get("/t/<slug>/documents/team-cards.pdf")
@role_required("tab_director")  # every team's private link
def team_cards_pdf(slug: str):
    t = tournament_or_404(slug)
    name = f"{t.slug}-team-cards"
    return _batch_pdf(t, "team-cards", name, lambda: ballots.team_cards_batch(t))


@bp.get("/t/<slug>/certificates/<kind>.pdf")
@login_required
def certificates_pdf(slug: str, kind: str):
    t = tournament_or_404(slug)
    if kind not in certificates.KINDS:
        abort(404)
    language = request.args.get("lang", "")
    if language not in current_app.config["LANGUAGES"]:
        abort(404)
    return _batch_pdf(
        t,
        f"certificates-{kind}",
        f"{t.slug}-certificates-{kind}-{language}",
        lambda: certificates.certificates_batch(t, kind, language),
        _("Nobody is due this certificate yet."),
    )


@bp.get("/t/<slug>/tab-booklet.pdf")
@login_required
def tab_booklet_pdf(slug: str):
    t = tournament_or_404(slug)
    name = f"{t.slug}-tab-booklet"
    return _batch_pdf(t, "tab-booklet", name, lambda: booklet.tab_booklet_batch(t))


def _own_job(t: Tournament, job_id: int) -> DocumentJob:
    job = db.session.get(DocumentJob, job_id)
    if job is None or job.tournament_id != t.id:
        abort(404)
    if job.user_id != current_user.id and not current_user.has_role("admin"):
        abort(404)
    return job


@bp.get("/t/<slug>/documents/jobs/<int:job_id>")
@login_required
def document_job(slug: str, job_id: int):
    t = tournament_or_404(slug)
    job = _own_job(t, job_id)
    response = render_template(
        "admin/document_job.html",
        t=t,
        job=job,
        state=jobs.state(job),
        name=job.params.get("name"),
        keep_days=jobs.KEEP_FOR.days,
    )
    return response, 200, {"Cache-Control": "no-store"}


@bp.get("/t/<slug>/documents/jobs/<int:job_id>/file")
@login_required
def document_job_file(slug: str, job_id: int):
    t = tournament_or_404(slug)
    job = _own_job(t, job_id)
    page = redirect(url_for("admin.document_job", slug=t.slug, job_id=job.id), 303)
    state = jobs.state(job)
    if state == "removed":
        return page  # which says why, and to ask again
    if state != "done":
        abort(404)
    path = jobs.folder() / job.file_name
    try:
        # Opened here, so a newer copy deleting the file meanwhile cannot cut the download short.
        stream = path.open("rb")
    except FileNotFoundError:
        return page
    is_zip = path.suffix == ".zip"
    response = send_file(
        stream,
        mimetype="application/zip" if is_zip else "application/pdf",
        as_attachment=True,
        download_name=f"{job.params.get('name', 'document')}{path.suffix}",
    )
    response.headers["Cache-Control"] = "no-store"
    return response
