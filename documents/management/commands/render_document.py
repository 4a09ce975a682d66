from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.models import Commune
from documents.registry import NoRenderer, render_document_docx, render_document_pdf
from documents.services import find_document, parse_code


class Command(BaseCommand):
    help = ("Render an official document of the register to PDF (or, with --format docx, its Word copy), "
            "e.g. --year 2022 --number 01/KH-UBND")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--number", required=True, help='printed number, e.g. "01/KH-UBND"')
        parser.add_argument("--output", required=True)
        parser.add_argument("--commune", help="commune code (slug); needed when the database holds several")
        parser.add_argument("--format", choices=("pdf", "docx"), default="pdf", dest="file_format",
                            help="pdf (default) or docx: the Word copy of the same content")

    def handle(self, *args, year, number, output, commune=None, file_format="pdf", **options):
        try:
            parse_code(number)
        except ValueError:
            raise CommandError(f"Not a document number: {number!r} (expected e.g. 01/KH-UBND)") from None
        communes = Commune.objects.all()
        if commune:
            communes = communes.filter(slug=commune)
        documents = [d for c in communes if (d := find_document(commune=c, year=year, code=number))]
        if not documents:
            raise CommandError(f"No document {number} in {year}")
        if len(documents) > 1:
            raise CommandError("Several communes have this number; choose one with --commune")
        render = render_document_docx if file_format == "docx" else render_document_pdf
        try:
            data = render(documents[0])
        except NoRenderer:
            raise CommandError(f"No {file_format} renderer for documents of type {documents[0].doc_type}") from None
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {len(data)} bytes")
