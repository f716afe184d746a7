"""Registering, finding and aliquoting samples through the Python client against a real server."""

import unittest
from datetime import datetime, timedelta, timezone

import grpc

from biobank_client import BiobankError, new_request_id, v1
from tests import server


class SampleTest(unittest.TestCase):
    def setUp(self):
        self.biobank = server.client("biobank-anses")
        self.addCleanup(self.biobank.close)
        freezer = self.unit(v1.StorageUnit(kind=v1.STORAGE_UNIT_KIND_FREEZER, site="sites/anses-maisons-alfort",
                                           temperature_band=v1.TEMPERATURE_BAND_MINUS_80))
        self.box = self.unit(v1.StorageUnit(kind=v1.STORAGE_UNIT_KIND_BOX, parent=freezer.name, rows=8, columns=12))

    def unit(self, unit: v1.StorageUnit) -> v1.StorageUnit:
        unit.display_name = f"{v1.StorageUnitKind.Name(unit.kind)} {server.barcode()}"[:40]
        return self.biobank.storage.CreateStorageUnit(v1.CreateStorageUnitRequest(request_id=new_request_id(), storage_unit=unit))

    def at(self, position: str) -> v1.StoragePosition:
        return v1.StoragePosition(storage_unit=self.box.name, position=position)

    def serum(self, millilitres: float, position: str) -> v1.Sample:
        sample = v1.Sample(barcode=server.barcode(), collection="EPIDEMIO-AMR", source_kind=v1.SOURCE_KIND_HUMAN,
                           donor_pseudonym="DON-0001", material_type=v1.MATERIAL_TYPE_SERUM,
                           quantity=v1.Quantity(value=millilitres, unit=v1.QUANTITY_UNIT_MILLILITRE),
                           consent_reference="CONSENT-V3", storage_position=self.at(position))
        sample.collection_time.FromDatetime(datetime.now(timezone.utc) - timedelta(days=1))
        return sample

    def register(self, sample: v1.Sample) -> v1.Sample:
        return self.biobank.samples.RegisterSample(v1.RegisterSampleRequest(request_id=new_request_id(), sample=sample))

    def test_a_registered_sample_is_found_by_its_barcode(self):
        registered = self.register(self.serum(2, "A1"))

        found = self.biobank.samples.LookupSample(v1.LookupSampleRequest(barcode=registered.barcode))

        self.assertEqual(found.name, registered.name)
        self.assertEqual(found.state, v1.SAMPLE_STATE_AVAILABLE)
        self.assertEqual(found.storage_position, self.at("A1"))

    def test_a_sample_is_aliquoted_into_placed_children(self):
        parent = self.register(self.serum(2, "B1"))
        portions = [v1.SamplePortion(barcode=server.barcode(), quantity=v1.Quantity(value=0.5, unit=v1.QUANTITY_UNIT_MILLILITRE),
                                     storage_position=self.at(position)) for position in ("B2", "B3")]

        split = self.biobank.samples.AliquotSample(v1.AliquotSampleRequest(request_id=new_request_id(), name=parent.name, aliquots=portions))

        self.assertAlmostEqual(split.parent.quantity.value, 1.0)
        self.assertEqual([a.barcode for a in split.aliquots], [p.barcode for p in portions])
        self.assertEqual([a.storage_position.position for a in split.aliquots], ["B2", "B3"])
        lineage = self.biobank.samples.GetSampleLineage(v1.GetSampleLineageRequest(name=parent.name))
        self.assertTrue({a.name for a in split.aliquots} <= {d.name for d in lineage.descendants})

    def test_a_taken_position_is_refused_with_the_box_and_position(self):
        self.register(self.serum(1, "C1"))

        with self.assertRaises(BiobankError) as refused:
            self.register(self.serum(1, "C1"))

        self.assertEqual(refused.exception.code, grpc.StatusCode.FAILED_PRECONDITION)
        self.assertEqual(refused.exception.reason, "POSITION_OCCUPIED")
        self.assertEqual(refused.exception.metadata["storage_unit"], self.box.name)
        self.assertEqual(refused.exception.metadata["position"], "C1")

    def test_an_aliquot_of_more_than_the_sample_holds_is_refused_with_the_quantities(self):
        parent = self.register(self.serum(1, "D1"))

        with self.assertRaises(BiobankError) as refused:
            self.biobank.samples.AliquotSample(v1.AliquotSampleRequest(
                request_id=new_request_id(), name=parent.name,
                aliquots=[v1.SamplePortion(barcode=server.barcode(), quantity=v1.Quantity(value=5, unit=v1.QUANTITY_UNIT_MILLILITRE))]))

        self.assertEqual(refused.exception.reason, "INSUFFICIENT_QUANTITY")
        self.assertEqual(refused.exception.metadata["name"], parent.name)


if __name__ == "__main__":
    unittest.main()
