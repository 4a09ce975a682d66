import rules

from .permissions import is_office_staff, is_unit_leader, leads_unit, sees_whole_commune

rules.add_perm("directory.view_directory", sees_whole_commune | is_unit_leader)
rules.add_perm("directory.view_unit", sees_whole_commune | leads_unit)
rules.add_perm("directory.manage_directory", is_office_staff)
