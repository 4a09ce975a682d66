"""What each named state change is called on the history page (the services record their own names as reasons)."""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "save_plan": _("Plan saved"),
    "copy_plan": _("Plan copied into a new year"),
    "move": _("Order changed"),
    "save_campaign": _("Campaign saved"),
    "save_registration": _("Registration saved"),
    "submit_registration": _("Registration submitted"),
    "return_registration": _("Registration returned"),
    "accept_registration": _("Registration accepted"),
    "delete_registration": _("Registration deleted"),
    "save_initiative": _("Initiative saved"),
    "add_attachment": _("File attached"),
    "recognise_initiative": _("Initiative assessed"),
    "submit_contest_entry": _("Contest entry sent"),
    "forward_contest_entry": _("Contest entry forwarded to the town"),
    "update_task_status": _("Task progress reported"),
    "save_criterion": _("Criterion saved"),
    "delete_criterion": _("Criterion deleted"),
    "copy_criteria": _("Criteria copied"),
    "set_assignments": _("Cross-scoring assignments set"),
    "open_sheets": _("Score sheets opened"),
    "save_self_scores": _("Self-scoring saved"),
    "save_cross_scores": _("Cross-scoring saved"),
    "save_explanations": _("Explanations saved"),
    "save_review": _("Review saved"),
    "create_report": _("Report created"),
    "save_part": _("Report part saved"),
    "save_target_results": _("Campaign results saved"),
    "save_summary": _("Report summary saved"),
    "issue_report": _("Report issued"),
    "new_version": _("New version of the report"),
    "post_disclosure": _("List posted publicly"),
    "withdraw_disclosure": _("Public list withdrawn"),
    "handle_feedback": _("Feedback handled"),
    "open_ballot": _("Ballot opened"),
    "close_ballot": _("Ballot closed"),
    "publish_ballot": _("Ballot result published"),
    "create_decision": _("Decision drafted"),
    "submit_decision": _("Submission issued"),
    "issue_decision": _("Decision issued"),
    "record_external_decision": _("Decision received recorded"),
    "withdraw_nomination": _("Nomination withdrawn from the decision"),
    "revoke_award": _("Award revoked"),
    "issue_minutes": _("Minutes issued"),
    "create_meeting": _("Meeting created"),
    "update_agenda": _("Agenda changed"),
    "set_attendance": _("Attendance recorded"),
    "open_agenda_ballots": _("Ballots opened on the agenda"),
    "close_open_ballots": _("Open ballots closed"),
    "publish_closed_ballots": _("Closed ballots published"),
    "end_meeting": _("Meeting ended"),
    "create_nominations_from_registrations": _("Nominations made from registrations"),
    "create_nomination": _("Nomination made"),
    "set_complaint": _("Complaint status changed"),
    "save_dossier_item": _("Dossier component saved"),
}


def reason_label(reason: str | None) -> str:
    """The label of a service's name, or the reason as written (e.g. why an award was revoked)."""
    if not reason:
        return ""
    return str(REASONS.get(reason, reason))
