import rules

from directory.permissions import is_council_member, is_office_staff, is_unit_leader

# Reports are the commune's: the office writes and issues them, the chairman and the council read them.
rules.add_perm("reports.view_reports", is_office_staff | is_council_member)
rules.add_perm("reports.manage_reports", is_office_staff)
# The dashboard: the commune's for the office and the chairman, a unit's own for its leader.
rules.add_perm("reports.view_dashboard", is_office_staff | is_council_member | is_unit_leader)
