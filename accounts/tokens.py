"""The one-time token of an invitation's link: Django's password-reset token, with its own salt and lifetime.

Like a reset token it hashes the account's password and last login, so it stops working once the password is set;
re-sending an invitation gives the account a new unusable password, which ends the earlier links too.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def check_token(self, user, token):
        # Django's check reads PASSWORD_RESET_TIMEOUT; an invitation lives INVITATION_DAYS instead.
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
                   for secret in [self.secret, *self.secret_fallbacks]):
            return False
        return self._num_seconds(self._now()) - ts <= settings.INVITATION_DAYS * 86400


invitation_token = InvitationTokenGenerator()
