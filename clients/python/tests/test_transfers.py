"""A shipment of samples from Anses to Inserm through the Python client, against a real server:
the README's example, its whole cycle, and a refusal of the release gate."""

import unittest
from datetime import datetime, timedelta, timezone

from biobank_client import new_request_id, v1
from examples import lims_shipment
from tests import server
from tests.test_readme import assert_readme_shows

MAISONS_ALFORT = "sites/anses-maisons-alfort"
COCHIN = "sites/inserm-paris-cochin"


class ShipmentTest(unittest.TestCase):
    def setUp(self):
        self.biobank = server.client("biobank-anses")
        self.addCleanup(self.biobank.close)
        self.lims = server.client("lims-inserm")
        self.addCleanup(self.lims.close)
        self.agreement = self.register_agreement()
        freezer = self.unit(v1.StorageUnit(kind=v1.STORAGE_UNIT_KIND_FREEZER, site=MAISONS_ALFORT,
                                           temperature_band=v1.TEMPERATURE_BAND_MINUS_80))
        self.box = self.unit(v1.StorageUnit(kind=v1.STORAGE_UNIT_KIND_BOX, parent=freezer.name, rows=8, columns=12))

    def register_agreement(self) -> v1.Agreement:
        validity = v1.TimeInterval()
        validity.start_time.FromDatetime(datetime.now(timezone.utc) - timedelta(days=1))
        validity.end_time.FromDatetime(datetime.now(timezone.utc) + timedelta(days=365))
        return self.biobank.agreements.RegisterAgreement(v1.RegisterAgreementRequest(
            request_id=new_request_id(),
            agreement=v1.Agreement(provider_organisation="organisations/anses", recipient_organisation="organisations/inserm",
                                   permitted_purposes=[v1.PERMITTED_USE_GENERAL_RESEARCH], material_types=[v1.MATERIAL_TYPE_SERUM],
                                   source_kinds=[v1.SOURCE_KIND_ANIMAL], validity=validity,
                                   external_reference=f"MTA-{server.barcode()}")))

    def unit(self, unit: v1.StorageUnit) -> v1.StorageUnit:
        unit.display_name = f"{v1.StorageUnitKind.Name(unit.kind)} {server.barcode()}"[:40]
        return self.biobank.storage.CreateStorageUnit(v1.CreateStorageUnitRequest(request_id=new_request_id(), storage_unit=unit))

    def swine_serum(self, position: str) -> v1.Sample:
        """Serum of a pig of a surveillance farm: animal material, which needs no donor's consent."""
        sample = v1.Sample(barcode=server.barcode(), collection="SWINE-FLU-SURV", source_kind=v1.SOURCE_KIND_ANIMAL,
                           donor_pseudonym="PIG-0042", species="Sus scrofa domesticus", material_type=v1.MATERIAL_TYPE_SERUM,
                           quantity=v1.Quantity(value=1.5, unit=v1.QUANTITY_UNIT_MILLILITRE),
                           storage_position=v1.StoragePosition(storage_unit=self.box.name, position=position))
        sample.collection_time.FromDatetime(datetime.now(timezone.utc) - timedelta(days=2))
        return self.biobank.samples.RegisterSample(v1.RegisterSampleRequest(request_id=new_request_id(), sample=sample))

    def send(self, samples: list[v1.Sample]):
        shipment = v1.Shipment(carrier="World Courier", tracking_number="WC-7731-0042", packaging=v1.PACKAGING_UN3373_CATEGORY_B,
                               dry_ice_kilograms=5.5, temperature_logger_id="LOG-0193", seal_ids=["SEAL-1"])
        return lims_shipment.send(self.biobank, [s.name for s in samples], MAISONS_ALFORT, COCHIN, self.agreement.name,
                                  v1.PERMITTED_USE_GENERAL_RESEARCH, "SWINE-FLU-2026", shipment)

    def test_samples_go_to_the_partner_and_a_damaged_one_is_held(self):
        good, broken = self.swine_serum("A1"), self.swine_serum("A2")

        dispatched = self.send([good, broken])
        in_transit = self.biobank.samples.GetSample(v1.GetSampleRequest(name=good.name))
        received = lims_shipment.receive(self.lims, dispatched.name, damaged=frozenset({broken.name}))
        arrived = self.lims.samples.GetSample(v1.GetSampleRequest(name=good.name))
        held = self.lims.samples.GetSample(v1.GetSampleRequest(name=broken.name))
        chain = self.lims.transfers.GetCustodyChain(v1.GetCustodyChainRequest(item=good.name))

        self.assertEqual(dispatched.state, v1.TRANSFER_STATE_DISPATCHED)
        self.assertEqual(dispatched.shipment.carrier, "World Courier")
        self.assertTrue(all(check.passed for check in dispatched.approval_checks))
        self.assertEqual(in_transit.state, v1.SAMPLE_STATE_IN_TRANSIT)
        self.assertEqual(received.state, v1.TRANSFER_STATE_RECEIVED)
        self.assertEqual({i.item: i.condition for i in received.items},
                         {good.name: v1.ITEM_CONDITION_GOOD, broken.name: v1.ITEM_CONDITION_DAMAGED})
        self.assertEqual(arrived.custodian_organisation, "organisations/inserm")
        self.assertEqual(arrived.state, v1.SAMPLE_STATE_AVAILABLE)
        self.assertEqual(held.state, v1.SAMPLE_STATE_ON_HOLD)
        self.assertEqual([h.kind for h in held.holds], [v1.HOLD_KIND_QUARANTINE])
        self.assertEqual([(i.organisation, i.carrier) for i in chain.intervals],
                         [("organisations/anses", ""), ("", "World Courier"), ("organisations/inserm", "")])

    def test_a_sample_on_hold_keeps_the_shipment_back_and_says_why(self):
        fine, held = self.swine_serum("B1"), self.swine_serum("B2")
        self.biobank.samples.PlaceHold(v1.PlaceHoldRequest(request_id=new_request_id(), name=held.name,
                                                           kind=v1.HOLD_KIND_QUALITY, reason="Haemolysed"))

        refused = self.send([fine, held])
        transfer = self.biobank.transfers.GetTransfer(v1.GetTransferRequest(name=refused.transfer))

        self.assertIsInstance(refused, lims_shipment.GateRefused)
        self.assertEqual([(item, check) for item, check, _ in refused.failures], [(held.name, "TRANSFER_ITEM_ON_HOLD")])
        self.assertIn("holds=Quality", refused.failures[0][2])
        self.assertEqual(transfer.state, v1.TRANSFER_STATE_REQUESTED)

    def test_the_readme_shows_the_example_as_it_runs(self):
        assert_readme_shows(self, "lims_shipment.py", ["lims-shipment"])


if __name__ == "__main__":
    unittest.main()
