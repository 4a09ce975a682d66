"""Fetch plan objects for a user: no person → 403; another commune's object → 404; then a missing permission → 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from directory.permissions import get_actor

from .models import Campaign, Paragraph, Plan, Section, YearCopyFinding


def require_actor(user):
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    return actor


def check_plan_permission(user, *, write: bool) -> None:
    if not user.has_perm("campaigns.manage_plan" if write else "campaigns.view_plan"):
        raise PermissionDenied


def get_plan_for_user(user, pk, *, write: bool = False) -> Plan:
    actor = require_actor(user)
    queryset = Plan.objects.select_related("document", "document__series", "commune")
    plan = get_object_or_404(queryset, pk=pk, commune=actor.commune)
    check_plan_permission(user, write=write)
    return plan


def get_section_for_user(user, pk, *, write: bool = False) -> Section:
    actor = require_actor(user)
    section = get_object_or_404(Section.objects.select_related("plan"), pk=pk, plan__commune=actor.commune)
    check_plan_permission(user, write=write)
    return section


def get_paragraph_for_user(user, pk, *, write: bool = False) -> Paragraph:
    actor = require_actor(user)
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("section", "section__plan"), pk=pk, section__plan__commune=actor.commune
    )
    check_plan_permission(user, write=write)
    return paragraph


def get_campaign_for_user(user, pk, *, write: bool = False) -> Campaign:
    actor = require_actor(user)
    queryset = Campaign.objects.select_related("plan", "plan__document", "plan__document__series", "organiser")
    campaign = get_object_or_404(queryset, pk=pk, plan__commune=actor.commune)
    check_plan_permission(user, write=write)
    return campaign


def get_finding_for_user(user, pk, *, write: bool = False) -> YearCopyFinding:
    actor = require_actor(user)
    finding = get_object_or_404(YearCopyFinding.objects.select_related("plan", "plan__document__series"), pk=pk,
                                plan__commune=actor.commune)
    check_plan_permission(user, write=write)
    return finding
