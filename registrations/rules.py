import rules

from directory.permissions import is_commune_member, is_office_staff, is_unit_leader, sees_whole_commune

# Leaders see their own units' registrations (scoped in registrations.views), the office and council everything;
# only the office decides (return, accept) and edits after a window has closed.
rules.add_perm("registrations.view_registrations", sees_whole_commune | is_unit_leader)
rules.add_perm("registrations.view_all_registrations", sees_whole_commune)
rules.add_perm("registrations.register", is_unit_leader | is_office_staff)
rules.add_perm("registrations.manage", is_office_staff)
# The dated windows of the year are public to the commune; the office sets them.
rules.add_perm("registrations.view_phases", is_commune_member)
rules.add_perm("registrations.manage_phases", is_office_staff)
