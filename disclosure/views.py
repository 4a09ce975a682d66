"""The office's pages (post a disclosure, handle feedback) and the public pages (no login): the running lists with
a feedback form, and the honour board of a year.

Office access follows the house rule: no person → 403; another commune's disclosure or feedback → 404; a member who
may not read → 403. Every state change goes through disclosure.services.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from awards.certificates import issuing_body
from awards.enums import AwardStatus, DecisionStatus
from awards.models import Award
from caching.pages import cached_page
from directory.models import Commune
from directory.permissions import get_actor

from . import services
from .enums import FeedbackStatus
from .forms import DisclosureForm, FeedbackHandleForm, PublicFeedbackForm
from .models import Disclosure, Feedback

# Accepted feedback per visitor's address: enough for a family to send a few opinions, too few for a spam run.
FEEDBACK_RATE = "5/h"
FEEDBACK_RATE_GROUP = "disclosure.public_feedback"


# Office access -----------------------------------------------------------------------------------------------------


def _reader(user):
    """The actor of an office page; 403 for anyone who may not even read disclosures."""
    actor = get_actor(user)
    if actor is None or not services.can_read(user, actor.commune):
        raise PermissionDenied
    return actor


def get_disclosure_for_user(user, pk, *, write: bool = False) -> Disclosure:
    actor = _reader(user)
    disclosure = get_object_or_404(Disclosure.objects.select_related("commune", "posted_by__person"), pk=pk,
                                   commune=actor.commune)
    if write and not services.can_manage(user, actor.commune):
        raise PermissionDenied
    return disclosure


def _year(request) -> int:
    asked = request.GET.get("year", "")
    if asked.isdigit() and 2000 <= int(asked) <= 2100:
        return int(asked)
    return timezone.localdate().year


# Office pages ------------------------------------------------------------------------------------------------------


@login_required
def disclosure_list(request):
    """The disclosures of a year with their nominations and feedback counted (constant queries)."""
    actor = _reader(request.user)
    year = _year(request)
    disclosures = (
        Disclosure.objects.filter(commune=actor.commune, year=year)
        .annotate(nomination_count=Count("nominations", distinct=True),
                  feedback_count=Count("feedback", distinct=True),
                  open_count=Count("feedback", filter=Q(feedback__status__in=[FeedbackStatus.NEW,
                                                                              FeedbackStatus.HANDLING]),
                                   distinct=True))
        .order_by("-starts_on", "-pk")
    )
    return render(request, "disclosure/disclosure_list.html", {
        "year": year, "years": range(timezone.localdate().year, 2019, -1), "disclosures": disclosures,
        "can_manage": services.can_manage(request.user, actor.commune), "today": timezone.localdate(),
    })


@login_required
def disclosure_create(request):
    actor = _reader(request.user)
    if not services.can_manage(request.user, actor.commune):
        raise PermissionDenied
    year = _year(request)
    nominations = services.postable_nominations(commune=actor.commune, year=year)
    if request.method == "POST":
        form = DisclosureForm(request.POST, nominations=nominations, year=year)
        if form.is_valid():
            try:
                disclosure = services.post_disclosure(
                    commune=actor.commune, year=year, starts_on=form.cleaned_data["starts_on"],
                    days=form.cleaned_data["days"], nominations=form.cleaned_data["nominations"],
                    heading=form.cleaned_data["heading"], by=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The list is posted from %(start)s to %(end)s.") % {
                    "start": f"{disclosure.starts_on:%d/%m/%Y}", "end": f"{disclosure.ends_on:%d/%m/%Y}"})
                return redirect("disclosure:detail", disclosure.pk)
    else:
        posted = services.already_posted_ids(commune=actor.commune, year=year)
        form = DisclosureForm(nominations=nominations, year=year, initial={
            "starts_on": timezone.localdate(),
            "nominations": [n.pk for n in nominations if n.pk not in posted],
        })
    return render(request, "disclosure/disclosure_form.html", {
        "form": form, "year": year, "years": range(timezone.localdate().year, 2019, -1),
    })


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def disclosure_detail(request, pk):
    disclosure = get_disclosure_for_user(request.user, pk)
    nominations = disclosure.nominations.select_related("title", "person", "unit").order_by(
        "title__position", "title_id", "person__sort_key", "unit__name", "household", "pk")
    feedback = disclosure.feedback.select_related("nomination__title", "nomination__person",
                                                  "nomination__unit")
    return render(request, "disclosure/disclosure_detail.html", {
        "disclosure": disclosure, "nominations": nominations, "feedback_items": feedback,
        "can_manage": services.can_manage(request.user, disclosure.commune), "today": timezone.localdate(),
        "public_url": reverse("disclosure:public_index", args=[disclosure.commune.slug]),
    })


@login_required
@require_POST
def disclosure_withdraw(request, pk):
    disclosure = get_disclosure_for_user(request.user, pk, write=True)
    services.withdraw_disclosure(disclosure=disclosure, by=request.user)
    messages.success(request, _("The list has been withdrawn from the public page."))
    return redirect("disclosure:detail", disclosure.pk)


@login_required
def feedback_handle(request, pk):
    actor = _reader(request.user)
    feedback = get_object_or_404(
        Feedback.objects.select_related("disclosure__commune", "nomination__title", "nomination__person",
                                        "nomination__unit"),
        pk=pk, disclosure__commune=actor.commune)
    if not services.can_manage(request.user, actor.commune):
        raise PermissionDenied
    disclosure = feedback.disclosure
    if request.method == "POST":
        form = FeedbackHandleForm(request.POST, disclosure=disclosure)
        if form.is_valid():
            try:
                services.handle_feedback(feedback=feedback, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The feedback has been updated."))
                return redirect(f"{reverse('disclosure:detail', args=[disclosure.pk])}#feedback-{feedback.pk}")
    else:
        form = FeedbackHandleForm(disclosure=disclosure, initial={
            "status": FeedbackStatus.HANDLING if feedback.status == FeedbackStatus.NEW else feedback.status,
            "response": feedback.response, "is_complaint": feedback.is_complaint,
            "nomination": feedback.nomination_id,
        })
    events = feedback.events.select_related("actor__person", "nomination__title", "nomination__person",
                                            "nomination__unit")
    return render(request, "disclosure/feedback_handle.html", {
        "feedback": feedback, "disclosure": disclosure, "form": form, "events": events,
    })


# Public pages (no login) -------------------------------------------------------------------------------------------


def _commune(slug) -> Commune:
    return get_object_or_404(Commune, slug=slug)


@cached_page(shared_anonymous=True)
def public_index(request, slug):
    commune = _commune(slug)
    today = timezone.localdate()
    disclosures = services.public_disclosures(commune=commune, today=today)
    return render(request, "disclosure/public_index.html", {
        "commune": commune, "today": today,
        "entries": [(d, _inline_form(d) if d.is_running(today) else None) for d in disclosures],
        "honour_year": _honoured_years(commune).first(),
    })


def _inline_form(disclosure):
    # Several forms on one page: ids prefixed per disclosure, choices from the nominations already loaded.
    return PublicFeedbackForm(disclosure=disclosure, nominations=disclosure.nominations.all(),
                              auto_id=f"id_{disclosure.pk}_%s")


def _over_limit(request) -> bool:
    """Count this post (one atomic add/incr in the cache) and say whether it goes over the limit. A cache that
    fails refuses (django-ratelimit's default), unless RATELIMIT_FAIL_OPEN."""
    usage = get_usage(request, group=FEEDBACK_RATE_GROUP, key="ip", rate=FEEDBACK_RATE, method="POST",
                      increment=True)
    return usage is not None and usage["should_limit"]


def public_feedback(request, slug, pk):
    """One disclosure's feedback form on its own page (where a form with errors comes back, filled in)."""
    commune = _commune(slug)
    disclosure = get_object_or_404(Disclosure.objects.filter(withdrawn_at__isnull=True), pk=pk, commune=commune)
    today = timezone.localdate()
    if today < disclosure.starts_on:
        raise Http404
    refusal = None
    try:
        services.check_feedback_allowed(disclosure, today=today)
    except ValidationError as error:
        refusal = error.messages[0]
    form = PublicFeedbackForm(disclosure=disclosure)
    status = 200
    if request.method == "POST" and refusal is None:
        form = PublicFeedbackForm(request.POST, disclosure=disclosure)
        # The limit counts feedback the office would receive (and robots' honeypot posts): a post with errors
        # that only comes back to be corrected does not count, so a resident who mistypes a phone number is not
        # locked out. A post that counts is counted by one atomic increment in the cache *before* anything is
        # saved, and the count that increment returns decides: simultaneous posts get different counts, so no
        # more than the limit pass (checking first and counting after saving let them all through). A post the
        # service refuses after counting (rare: the list ended meanwhile) stays counted.
        counts = form.is_spam or form.is_valid()
        if counts and _over_limit(request):
            refusal = _("You have already sent several opinions in the last hour. Please try again later, or "
                        "contact the commune's office directly.")
            status = 429
        elif form.is_spam:
            # Answer as if accepted, so a robot learns nothing; save nothing.
            messages.success(request, _("Thank you. Your feedback has been sent to the commune's office."))
            return redirect("disclosure:public_index", commune.slug)
        elif counts:
            try:
                services.submit_feedback(
                    disclosure=disclosure, name=form.cleaned_data["name"], contact=form.cleaned_data["contact"],
                    content=form.cleaned_data["content"], nomination=form.cleaned_data["nomination"], today=today,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Thank you. Your feedback has been sent to the commune's office."))
                return redirect("disclosure:public_index", commune.slug)
    elif request.method == "POST":
        form = PublicFeedbackForm(request.POST, disclosure=disclosure)
    nominations = disclosure.nominations.select_related("title", "person", "unit").order_by(
        "title__position", "title_id", "person__sort_key", "unit__name", "household", "pk")
    return render(request, "disclosure/public_feedback.html", {
        "commune": commune, "disclosure": disclosure, "form": form, "refusal": refusal,
        "nominations": nominations, "today": today,
    }, status=status)


def _awards_in_force(commune):
    return Award.objects.filter(commune=commune, status=AwardStatus.ACTIVE, decision__status=DecisionStatus.ISSUED)


def _honoured_years(commune):
    return _awards_in_force(commune).order_by("-year").values_list("year", flat=True).distinct()


@cached_page(shared_anonymous=True)
def honour_board(request, slug, year):
    """The year's awards in force, by title, with the decision that granted them; a revoked award is gone."""
    commune = _commune(slug)
    awards = (
        _awards_in_force(commune).filter(year=year)
        .select_related("title", "decision__document__series")
        .order_by("title__position", "title_id", "decision_id", "position", "pk")
    )
    groups = [(title, list(items)) for title, items in groupby(awards, key=lambda award: award.title)]
    return render(request, "disclosure/honour_board.html", {
        "commune": commune, "year": year, "groups": groups,
        "years": _honoured_years(commune),
    })



def certificate_verify(request, slug, token):
    """Whether a printed certificate is genuine and its award still stands: the award, the recipient as the decision
    prints them, the decision and who issued it, and a revocation with its date. An unknown key is a 404. Not kept
    in the page cache: it is small, and a revocation must show at once."""
    commune = _commune(slug)
    award = get_object_or_404(
        Award.objects.select_related("title", "decision__commune", "decision__document__series"),
        commune=commune, verification_token=token, decision__status=DecisionStatus.ISSUED)
    response = render(request, "disclosure/certificate_verify.html", {
        "commune": commune, "award": award, "decision": award.decision, "issuer": issuing_body(award.decision),
        "revoked": award.status == AwardStatus.REVOKED,
    })
    response["X-Robots-Tag"] = "noindex, nofollow"  # the address is a key: nothing for search engines
    return response
