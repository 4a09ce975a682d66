import rules

from directory.permissions import is_office_staff

# The office lifts the lockouts of its own commune's accounts; the superuser (Django's backend) any account.
rules.add_perm("accounts.unlock_accounts", is_office_staff)
# The office gives its commune's people their accounts and roles.
rules.add_perm("accounts.manage_accounts", is_office_staff)
