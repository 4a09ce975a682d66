import rules

from directory.permissions import is_commune_member, is_office_staff

# Every person of the commune reads the plan (it is sent to every hamlet); only the office writes it.
rules.add_perm("campaigns.view_plan", is_commune_member)
rules.add_perm("campaigns.manage_plan", is_office_staff)
