import rules

from directory.permissions import is_office_staff, is_province_operator, sees_whole_commune

# The commune's award fund: the office and the council (the chairman with it) read the ledger; the office keeps it.
rules.add_perm("funds.view_fund", sees_whole_commune)
rules.add_perm("funds.manage_fund", is_office_staff)
# The province's fund: its operators.
rules.add_perm("funds.manage_province_fund", is_province_operator)
