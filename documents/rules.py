import rules

from directory.permissions import is_office_staff, sees_whole_commune

rules.add_perm("documents.view_register", sees_whole_commune)

# The office keeps its commune's "Nơi nhận" of each kind of document.
rules.add_perm("documents.manage_recipients", is_office_staff)
