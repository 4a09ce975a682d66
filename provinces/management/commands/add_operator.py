"""Give a province's emulation office its first account, from the server's command line (the only step of
onboarding that needs the server; everything after it happens in the portal).

    manage.py add_operator --province ha-noi --province-name "Hà Nội" --province-kind "thành phố" \\
        --full-name "Đinh Thị Thu" --email thu@example.vn [--username thudt] [--position "Chuyên viên"]

The province is created when its code is new. The person receives the usual invitation e-mail with a one-time link
to set a password; further colleagues are invited from the portal (Office accounts).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import propose_username
from directory.enums import ProvinceKind
from directory.models import Province
from provinces.services import invite_operator


class Command(BaseCommand):
    help = "Create a province (if new) and invite an operator of its emulation office by e-mail."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="the province's code, e.g. ha-noi")
        parser.add_argument("--province-name", default="", help="its name when it is new, e.g. Hà Nội")
        parser.add_argument("--province-kind", default=ProvinceKind.PROVINCE, choices=ProvinceKind.values)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--username", default="")
        parser.add_argument("--position", default="")

    def handle(self, *args, **options):
        province = Province.objects.filter(slug=options["province"]).first()
        if province is None:
            if not options["province_name"]:
                raise CommandError(f"No province {options['province']!r} yet: give --province-name to create it.")
            province = Province.objects.create(slug=options["province"], name=options["province_name"],
                                               kind_label=options["province_kind"])
            self.stdout.write(f"Created the province {province}.")
        try:
            invitation = invite_operator(
                province=province, full_name=options["full_name"], email=options["email"],
                username=options["username"] or propose_username(options["full_name"]), position=options["position"],
                by=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Invited {invitation.user.username} <{invitation.email}> as an operator of {province}."))
