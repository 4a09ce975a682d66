import rules

from directory.permissions import is_office_staff

# The office manages its commune's client systems of the API (the province's operators theirs, under
# provinces.operate).
rules.add_perm("api.manage_clients", is_office_staff)
