"""`tandem fhir client add|list|revoke`: issue and revoke partner systems' FHIR API credentials."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from tandem.core.errors import DomainError
from tandem.identity.selectors import partner_organisations
from tandem.interop.ingest import bundle_files_import
from tandem.interop.models import Partner
from tandem.interop.scopes import RESOURCE_SCOPES
from tandem.interop.services import partner_register, partner_revoke


class Command(BaseCommand):
    help = "Manage the OAuth 2.0 clients of health partners' systems for the FHIR API (docs/fhir.md)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        areas = parser.add_subparsers(dest="area", required=True)
        client = areas.add_parser("client", help="Partner systems' client credentials.")
        actions = client.add_subparsers(dest="action", required=True)
        adding = actions.add_parser("add", help="Issue client credentials to a partner organisation's system.")
        adding.add_argument("--name", required=True, help="The partner's system, e.g. 'Wirral Hospital EPR'.")
        adding.add_argument("--organisation", required=True, help="The organisation's ODS code or exact name.")
        adding.add_argument(
            "--scope",
            action="append",
            required=True,
            dest="scopes",
            help=f"A scope to grant (repeat for more): {', '.join(RESOURCE_SCOPES)}.",
        )
        actions.add_parser("list", help="List partner systems, their client ids and scopes.")
        revoking = actions.add_parser("revoke", help="Revoke a partner system's credentials and tokens.")
        revoking.add_argument("client_id")
        importing = areas.add_parser("import", help="Import health events from FHIR Bundle files (docs/fhir.md).")
        importing.add_argument("files", nargs="+", metavar="FILE", help="A JSON file holding one Bundle.")
        importing.add_argument("--organisation", help="The sending organisation's ODS code or exact name.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["area"] == "import":
            organisation = self._organisation(options["organisation"]) if options["organisation"] else None
            if not bundle_files_import(options["files"], organisation=organisation, out=self.stdout):
                raise CommandError("Some files were refused whole: nothing of them was kept (issues above)")
            return
        action = options["action"]
        if action == "add":
            self._add(options["name"], options["organisation"], options["scopes"])
        elif action == "list":
            for partner in Partner.objects.select_related("organisation", "application").order_by("name"):
                client_id = partner.application.client_id if partner.application else "-"
                state = f"revoked {partner.revoked_at:%Y-%m-%d}" if partner.revoked_at else "active"
                self.stdout.write(f"{client_id}\t{partner.name}\t{partner.organisation}\t{partner.scopes}\t{state}")
        else:
            found = Partner.objects.filter(application__client_id=options["client_id"]).first()
            if found is None:
                raise CommandError(f"No partner has the client id {options['client_id']}")
            partner_revoke(partner=found, actor=None)
            self.stdout.write(f"Revoked the client of {found}: its tokens no longer work.")

    def _organisation(self, organisation_text: str) -> Any:
        organisation = (
            partner_organisations().filter(Q(ods_code__iexact=organisation_text) | Q(name=organisation_text)).first()
        )
        if organisation is None:
            raise CommandError(f"No partner organisation has the ODS code or name {organisation_text!r}")
        return organisation

    def _add(self, name: str, organisation_text: str, scopes: list[str]) -> None:
        organisation = self._organisation(organisation_text)
        try:
            issued = partner_register(name=name, organisation=organisation, scopes=scopes, actor=None)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Partner: {issued.partner} ({organisation})")
        self.stdout.write(f"Scopes: {issued.partner.scopes}")
        self.stdout.write(f"client_id: {issued.client_id}")
        self.stdout.write(f"client_secret: {issued.client_secret}")
        self.stdout.write("Give the secret to the partner now, by a secure route: only its hash is kept.")
