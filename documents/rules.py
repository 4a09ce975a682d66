import rules

from directory.permissions import sees_whole_commune

rules.add_perm("documents.view_register", sees_whole_commune)
