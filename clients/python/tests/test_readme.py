"""The README's Python booking example: run against the server, and shown verbatim in the README."""

import pathlib
import textwrap
import unittest
from datetime import timedelta

from biobank_client import BiobankError, v1
from examples import lims_booking
from tests import server

HERE = pathlib.Path(__file__).resolve().parent.parent
REGIONS = ["lims-booking", "lims-booking-usage"]


class ReadmeTest(unittest.TestCase):
    def test_the_example_books_and_then_finds_the_slot_taken(self):
        try:
            server.register_confocal("anses-ma-lsm980")
        except BiobankError as error:  # the TypeScript client's tests registered it on this server too
            if error.reason != "RESOURCE_ALREADY_EXISTS":
                raise
        # A slot of its own: the TypeScript client's tests book this instrument on day 21.
        start = server.ahead(days=20, hour=6)

        booked = lims_booking.book_confocal(server.address(), server.token("lims-anses"), start)
        taken = lims_booking.book_confocal(server.address(), server.token("lims-anses"), start)

        self.assertTrue(booked.startswith("Booked: reservations/"), booked)
        self.assertEqual(taken, f"Taken from {start:%Y-%m-%d %H:%M}Z until {start + timedelta(hours=2):%Y-%m-%d %H:%M}Z")

    def test_a_booking_across_organisations_awaits_approval(self):
        confocal = server.register_confocal(rules=v1.BookingRules(cross_organisation_approval=True))
        with server.client("lims-inserm") as lims:
            booking = lims_booking.book(lims, confocal.name, server.ahead(days=7), timedelta(hours=2), "Organoid imaging", "ORG-1")

        self.assertIsInstance(booking, lims_booking.AwaitingApproval)

    def test_the_readme_shows_the_example_as_it_runs(self):
        assert_readme_shows(self, "lims_booking.py", REGIONS)


def assert_readme_shows(test: unittest.TestCase, example: str, regions: list[str]) -> None:
    """The README shows each region of examples/`example` verbatim, in order, in the code blocks
    after the line that names the file."""
    source = (HERE / "examples" / example).read_text(encoding="utf-8").split("\n")
    readme = (HERE.parent.parent / "README.md").read_text(encoding="utf-8").split("\n")
    mention = next(i for i, line in enumerate(readme) if f"clients/python/examples/{example}" in line)

    close = mention
    for region in regions:
        start = next(i for i, line in enumerate(source) if line.strip() == f"# region {region}")
        end = next(i for i in range(start + 1, len(source)) if source[i].strip() == "# endregion")
        fence = next(i for i in range(close + 1, len(readme)) if readme[i] == "```python")
        close = next(i for i in range(fence + 1, len(readme)) if readme[i] == "```")
        test.assertEqual(dedent(readme[fence + 1:close]), dedent(source[start + 1:end]), f"region {region}")


def dedent(lines: list[str]) -> str:
    return textwrap.dedent("\n".join(line.rstrip() for line in lines)).strip("\n")


if __name__ == "__main__":
    unittest.main()
