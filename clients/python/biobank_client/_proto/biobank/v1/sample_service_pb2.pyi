from biobank_client._proto.biobank.v1 import consent_service_pb2 as _consent_service_pb2
from biobank_client._proto.biobank.v1 import storage_service_pb2 as _storage_service_pb2
from biobank_client._proto.google.api import field_behavior_pb2 as _field_behavior_pb2
from biobank_client._proto.google.api import resource_pb2 as _resource_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
HOLD_KIND_CONSENT_REVIEW: HoldKind
"""The donor's consent is under review, e.g. after a withdrawal."""
HOLD_KIND_LEGAL: HoldKind
"""Preserved for legal proceedings; the sample may not be disposed of while it stands."""
HOLD_KIND_QUALITY: HoldKind
"""Quality under investigation (temperature excursion, failed QC)."""
HOLD_KIND_QUARANTINE: HoldKind
"""Suspected contamination or biosafety concern."""
HOLD_KIND_UNSPECIFIED: HoldKind
"""No kind: refused."""
MATERIAL_TYPE_BACTERIAL_ISOLATE: MaterialType
"""Isolated pathogen, e.g. a bacterial isolate (MIABIS "Isolated pathogen")."""
MATERIAL_TYPE_BUFFY_COAT: MaterialType
"""Buffy coat."""
MATERIAL_TYPE_CDNA: MaterialType
"""cDNA / mRNA."""
MATERIAL_TYPE_CELL_LINE: MaterialType
"""Cell line (primary or immortalised)."""
MATERIAL_TYPE_CEREBROSPINAL_FLUID: MaterialType
"""Cerebrospinal fluid."""
MATERIAL_TYPE_DNA: MaterialType
"""DNA."""
MATERIAL_TYPE_FAECES: MaterialType
"""Faeces."""
MATERIAL_TYPE_FOOD: MaterialType
"""Food or feed."""
MATERIAL_TYPE_OTHER: MaterialType
"""Anything else; describe it in the collection."""
MATERIAL_TYPE_PBMC: MaterialType
"""Peripheral blood mononuclear cells."""
MATERIAL_TYPE_PLASMA: MaterialType
"""Plasma."""
MATERIAL_TYPE_RNA: MaterialType
"""RNA."""
MATERIAL_TYPE_SALIVA: MaterialType
"""Saliva."""
MATERIAL_TYPE_SERUM: MaterialType
"""Serum."""
MATERIAL_TYPE_SOIL: MaterialType
"""Soil or sediment."""
MATERIAL_TYPE_SWAB: MaterialType
"""A swab (nasal, pharyngeal, rectal, cloacal, surface)."""
MATERIAL_TYPE_TISSUE_FFPE: MaterialType
"""Tissue, formalin-fixed paraffin-embedded."""
MATERIAL_TYPE_TISSUE_FROZEN: MaterialType
"""Tissue, snap frozen."""
MATERIAL_TYPE_UNSPECIFIED: MaterialType
"""No material: refused where a material is required; in a list, no filter."""
MATERIAL_TYPE_URINE: MaterialType
"""Urine."""
MATERIAL_TYPE_WATER: MaterialType
"""Water (surface, waste, drinking)."""
MATERIAL_TYPE_WHOLE_BLOOD: MaterialType
"""Whole blood (MIABIS "Blood")."""
QUANTITY_UNIT_CELLS: QuantityUnit
"""Number of cells."""
QUANTITY_UNIT_COUNT: QuantityUnit
"""Number of items (e.g. straws, slides, colonies)."""
QUANTITY_UNIT_MICROGRAM: QuantityUnit
"""Micrograms."""
QUANTITY_UNIT_MICROLITRE: QuantityUnit
"""Microlitres."""
QUANTITY_UNIT_MILLIGRAM: QuantityUnit
"""Milligrams."""
QUANTITY_UNIT_MILLILITRE: QuantityUnit
"""Millilitres."""
QUANTITY_UNIT_UNSPECIFIED: QuantityUnit
"""No unit: refused."""
SAMPLE_STATE_ALLOCATED: SampleState
"""Allocated to a project until a date; usable only for that project."""
SAMPLE_STATE_AVAILABLE: SampleState
"""In storage and free to allocate, move, split or use."""
SAMPLE_STATE_DEPLETED: SampleState
"""No material left."""
SAMPLE_STATE_DISPOSED: SampleState
"""Destroyed; final."""
SAMPLE_STATE_IN_TRANSIT: SampleState
"""Being shipped to another site or organisation."""
SAMPLE_STATE_LOST: SampleState
"""Sent and never received; final."""
SAMPLE_STATE_ON_HOLD: SampleState
"""Under at least one hold (quarantine, legal, quality, consent review)."""
SAMPLE_STATE_UNSPECIFIED: SampleState
"""No state: never sent; in a list, no filter."""
SOURCE_KIND_ANIMAL: SourceKind
"""An animal, identified by a pseudonym or tag, of a given species."""
SOURCE_KIND_ENVIRONMENT: SourceKind
"""An environmental matrix (water, soil, air, surface, food, feed)."""
SOURCE_KIND_HUMAN: SourceKind
"""A human donor, identified only by a pseudonym."""
SOURCE_KIND_ISOLATE: SourceKind
"""A microbial isolate (e.g. an antibiotic-resistant bacterial strain)."""
SOURCE_KIND_UNSPECIFIED: SourceKind
"""No source: refused where a source is required; in a list, no filter."""

class AliquotSampleRequest(_message.Message):
    """Request of AliquotSample."""
    __slots__ = ["aliquots", "etag", "name", "request_id"]
    ALIQUOTS_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    aliquots: _containers.RepeatedCompositeFieldContainer[SamplePortion]
    """Required. 1-384 aliquots, each in the sample's unit, with distinct barcodes and positions."""
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the sample is still at this version."""
    name: str
    """Required. "samples/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., aliquots: _Optional[_Iterable[_Union[SamplePortion, _Mapping]]] = ..., etag: _Optional[str] = ...) -> None: ...

class AliquotSampleResponse(_message.Message):
    """Response of AliquotSample."""
    __slots__ = ["aliquots", "parent"]
    ALIQUOTS_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    aliquots: _containers.RepeatedCompositeFieldContainer[Sample]
    """The new samples, in the order asked for."""
    parent: Sample
    """The sample after the split."""
    def __init__(self, parent: _Optional[_Union[Sample, _Mapping]] = ..., aliquots: _Optional[_Iterable[_Union[Sample, _Mapping]]] = ...) -> None: ...

class AllocateSamplesRequest(_message.Message):
    """Request of AllocateSamples."""
    __slots__ = ["declared_uses", "expire_time", "project", "request_id", "samples"]
    DECLARED_USES_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    declared_uses: _containers.RepeatedScalarFieldContainer[_consent_service_pb2.PermittedUse]
    """Optional. What the project will do with the material; each must be permitted by the consent
    of the donor of every human sample.
    """
    expire_time: _timestamp_pb2.Timestamp
    """Required. When the allocation lapses; in the future."""
    project: str
    """Required. The project the samples are allocated to, at most 64 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    samples: _containers.RepeatedScalarFieldContainer[str]
    """Required. 1-1000 distinct samples, "samples/{id}", all of the caller's organisation."""
    def __init__(self, request_id: _Optional[str] = ..., samples: _Optional[_Iterable[str]] = ..., project: _Optional[str] = ..., declared_uses: _Optional[_Iterable[_Union[_consent_service_pb2.PermittedUse, str]]] = ..., expire_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AllocateSamplesResponse(_message.Message):
    """Response of AllocateSamples."""
    __slots__ = ["allocation_id", "samples"]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    """Id of the new allocation; ReleaseSampleAllocation names it."""
    samples: _containers.RepeatedCompositeFieldContainer[Sample]
    """The samples, allocated, in the order asked for."""
    def __init__(self, allocation_id: _Optional[str] = ..., samples: _Optional[_Iterable[_Union[Sample, _Mapping]]] = ...) -> None: ...

class CheckInSampleRequest(_message.Message):
    """Request of CheckInSample."""
    __slots__ = ["etag", "name", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the sample is still at this etag."""
    name: str
    """Required. "samples/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CheckOutSampleRequest(_message.Message):
    """Request of CheckOutSample."""
    __slots__ = ["etag", "name", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the sample is still at this etag."""
    name: str
    """Required. "samples/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class DeriveSampleRequest(_message.Message):
    """Request of DeriveSample."""
    __slots__ = ["derivative", "etag", "material_type", "name", "request_id", "taken"]
    DERIVATIVE_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    MATERIAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TAKEN_FIELD_NUMBER: _ClassVar[int]
    derivative: SamplePortion
    """Required. The new container; its quantity may be in another unit (e.g. µg of DNA)."""
    etag: str
    """Optional. When set, applies only if the sample is still at this etag."""
    material_type: MaterialType
    """Required. The material made, e.g. DNA."""
    name: str
    """Required. "samples/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    taken: Quantity
    """Required. How much of the sample is processed, in its unit."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., taken: _Optional[_Union[Quantity, _Mapping]] = ..., material_type: _Optional[_Union[MaterialType, str]] = ..., derivative: _Optional[_Union[SamplePortion, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class DeriveSampleResponse(_message.Message):
    """Response of DeriveSample."""
    __slots__ = ["derivative", "parent"]
    DERIVATIVE_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    derivative: Sample
    """The new sample."""
    parent: Sample
    """The sample after the processing."""
    def __init__(self, parent: _Optional[_Union[Sample, _Mapping]] = ..., derivative: _Optional[_Union[Sample, _Mapping]] = ...) -> None: ...

class DisposeSampleRequest(_message.Message):
    """Request of DisposeSample."""
    __slots__ = ["etag", "method", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the sample is still at this etag."""
    method: str
    """Required. How it was destroyed, e.g. "autoclave", "incineration"; at most 100 characters."""
    name: str
    """Required. "samples/{id}"."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., method: _Optional[str] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class GetSampleLineageRequest(_message.Message):
    """Request of GetSampleLineage."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "samples/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetSampleRequest(_message.Message):
    """Request of GetSample."""
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    """Required. "samples/{id}"."""
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class LiftHoldRequest(_message.Message):
    """Request of LiftHold."""
    __slots__ = ["etag", "hold_id", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the sample is still at this etag."""
    hold_id: str
    """Required. The hold to lift: its hold_id."""
    name: str
    """Required. "samples/{id}"."""
    reason: str
    """Required. Why it is lifted, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., hold_id: _Optional[str] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class ListSamplesRequest(_message.Message):
    """Request of ListSamples. Filters combine: a sample is listed when it matches every filter set."""
    __slots__ = ["collection", "donor_pseudonym", "material_type", "organisation", "page_size", "page_token", "source_kind", "state", "storage_unit"]
    COLLECTION_FIELD_NUMBER: _ClassVar[int]
    DONOR_PSEUDONYM_FIELD_NUMBER: _ClassVar[int]
    MATERIAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STORAGE_UNIT_FIELD_NUMBER: _ClassVar[int]
    collection: str
    """Optional. Only samples of this collection."""
    donor_pseudonym: str
    """Optional. Only samples of this donor, among the caller's organisation's samples. Biobank
    managers only (ROLE_REQUIRED otherwise).
    """
    material_type: MaterialType
    """Optional. Only samples of this material type."""
    organisation: str
    """Optional. Only samples of this custodian organisation, "organisations/{id}"."""
    page_size: int
    """Optional. At most this many samples are returned; default 50, at most 1000."""
    page_token: str
    """Optional. next_page_token of the previous page, with the same filters."""
    source_kind: SourceKind
    """Optional. Only samples from this kind of source."""
    state: SampleState
    """Optional. Only samples in this state."""
    storage_unit: str
    """Optional. Only samples stored in this unit or any unit inside it, "storageUnits/{id}"."""
    def __init__(self, organisation: _Optional[str] = ..., collection: _Optional[str] = ..., material_type: _Optional[_Union[MaterialType, str]] = ..., source_kind: _Optional[_Union[SourceKind, str]] = ..., state: _Optional[_Union[SampleState, str]] = ..., storage_unit: _Optional[str] = ..., donor_pseudonym: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSamplesResponse(_message.Message):
    """Response of ListSamples."""
    __slots__ = ["next_page_token", "samples"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    """Token of the next page; empty on the last page."""
    samples: _containers.RepeatedCompositeFieldContainer[Sample]
    """The samples, ordered by name, each shown as the caller may see it."""
    def __init__(self, samples: _Optional[_Iterable[_Union[Sample, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class LookupSampleRequest(_message.Message):
    """Request of LookupSample."""
    __slots__ = ["barcode", "organisation"]
    BARCODE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    barcode: str
    """Required. The barcode on the container."""
    organisation: str
    """Optional. The organisation whose labels are searched (the one that registered the container),
    "organisations/{id}"; the caller's if empty. A tube received from the partner carries the
    partner's label: name the partner.
    """
    def __init__(self, barcode: _Optional[str] = ..., organisation: _Optional[str] = ...) -> None: ...

class MoveSampleRequest(_message.Message):
    """Request of MoveSample."""
    __slots__ = ["etag", "name", "request_id", "storage_position"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    STORAGE_POSITION_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. Fails with ETAG_MISMATCH unless the sample is still at this version."""
    name: str
    """Required. "samples/{id}"."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    storage_position: _storage_service_pb2.StoragePosition
    """Required. The box position to move to."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., storage_position: _Optional[_Union[_storage_service_pb2.StoragePosition, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class PlaceHoldRequest(_message.Message):
    """Request of PlaceHold."""
    __slots__ = ["etag", "kind", "name", "reason", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the sample is still at this etag."""
    kind: HoldKind
    """Required. Why the sample is held."""
    name: str
    """Required. "samples/{id}"."""
    reason: str
    """Required. Explanation, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[_Union[HoldKind, str]] = ..., reason: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class Quantity(_message.Message):
    """An amount of material."""
    __slots__ = ["unit", "value"]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    unit: QuantityUnit
    """Required. Its unit."""
    value: float
    """Required. The amount, not negative."""
    def __init__(self, value: _Optional[float] = ..., unit: _Optional[_Union[QuantityUnit, str]] = ...) -> None: ...

class RecordSampleUseRequest(_message.Message):
    """Request of RecordSampleUse."""
    __slots__ = ["etag", "name", "project", "purpose", "quantity", "request_id"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    etag: str
    """Optional. When set, applies only if the sample is still at this etag."""
    name: str
    """Required. "samples/{id}"."""
    project: str
    """Optional. The project it was used for; an allocated sample only for the project it is allocated to."""
    purpose: str
    """Required. What it was used for, at most 500 characters."""
    quantity: Quantity
    """Required. How much was consumed, in the sample's unit."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., name: _Optional[str] = ..., quantity: _Optional[_Union[Quantity, _Mapping]] = ..., purpose: _Optional[str] = ..., project: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class RegisterSampleRequest(_message.Message):
    """Request of RegisterSample."""
    __slots__ = ["request_id", "sample", "sample_id"]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    sample: Sample
    """Required. barcode, collection, source_kind, donor_pseudonym, species, material_type,
    collection_time, quantity, consent_reference, sprec_code and storage_position are read.
    """
    sample_id: str
    """Optional. Id to give the sample (lower-case letters, digits, hyphens); a UUIDv7 if empty."""
    def __init__(self, request_id: _Optional[str] = ..., sample_id: _Optional[str] = ..., sample: _Optional[_Union[Sample, _Mapping]] = ...) -> None: ...

class ReleaseSampleAllocationRequest(_message.Message):
    """Request of ReleaseSampleAllocation."""
    __slots__ = ["allocation_id", "reason", "request_id"]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    """Required. The allocation to release: the allocation_id AllocateSamples returned."""
    reason: str
    """Required. Why, at most 500 characters."""
    request_id: str
    """Required. UUID identifying this request; retries reuse it."""
    def __init__(self, request_id: _Optional[str] = ..., allocation_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReleaseSampleAllocationResponse(_message.Message):
    """Response of ReleaseSampleAllocation."""
    __slots__ = ["samples"]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    samples: _containers.RepeatedCompositeFieldContainer[Sample]
    """The samples released, in name order; empty if the allocation had lapsed or was released."""
    def __init__(self, samples: _Optional[_Iterable[_Union[Sample, _Mapping]]] = ...) -> None: ...

class Sample(_message.Message):
    """A physical container of material."""
    __slots__ = ["allocation", "barcode", "catalogue_only", "checked_out", "collection", "collection_time", "consent_reference", "create_time", "custodian_organisation", "donor_pseudonym", "etag", "freeze_thaw_count", "holds", "material_type", "name", "parent", "quantity", "quantity_band", "site", "source_kind", "species", "sprec_code", "state", "storage_position", "transfer", "update_time"]
    ALLOCATION_FIELD_NUMBER: _ClassVar[int]
    BARCODE_FIELD_NUMBER: _ClassVar[int]
    CATALOGUE_ONLY_FIELD_NUMBER: _ClassVar[int]
    CHECKED_OUT_FIELD_NUMBER: _ClassVar[int]
    COLLECTION_FIELD_NUMBER: _ClassVar[int]
    COLLECTION_TIME_FIELD_NUMBER: _ClassVar[int]
    CONSENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CUSTODIAN_ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    DONOR_PSEUDONYM_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    FREEZE_THAW_COUNT_FIELD_NUMBER: _ClassVar[int]
    HOLDS_FIELD_NUMBER: _ClassVar[int]
    MATERIAL_TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_BAND_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SITE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KIND_FIELD_NUMBER: _ClassVar[int]
    SPECIES_FIELD_NUMBER: _ClassVar[int]
    SPREC_CODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STORAGE_POSITION_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    allocation: SampleAllocation
    """Output only. The allocation the sample is held by, until it lapses or is released. Custodians only."""
    barcode: str
    """Required, immutable. The container's barcode, at most 64 characters, unique among the labels of
    the organisation that registered the container (LookupSample searches them; a sample received
    from the partner keeps the partner's label). Custodians only.
    """
    catalogue_only: bool
    """Output only. True when the caller sees catalogue data only (not of the custodian organisation)."""
    checked_out: bool
    """Output only. Whether the sample is out of storage now."""
    collection: str
    """Required, immutable. Code of the collection (study, cohort, surveillance programme) the
    sample belongs to.
    """
    collection_time: _timestamp_pb2.Timestamp
    """Required, immutable. When the material was collected; not in the future."""
    consent_reference: str
    """Immutable. Reference of the donor's consent (required for HUMAN). Custodians only."""
    create_time: _timestamp_pb2.Timestamp
    """Output only. When the sample was registered (an aliquot or derivative: when it was made)."""
    custodian_organisation: str
    """Output only. The custodian organisation, "organisations/{id}": the registering caller's, until
    a transfer's receipt passes custody to the receiving organisation.
    """
    donor_pseudonym: str
    """Immutable. Pseudonym of the donor (human) or subject (animal); never a direct identifier.
    Required for HUMAN and ANIMAL. Shown only to the custodian organisation's biobank managers.
    """
    etag: str
    """Output only. Version of the sample's event stream."""
    freeze_thaw_count: int
    """Output only. How many times the sample was taken out of storage (freeze-thaw cycles)."""
    holds: _containers.RepeatedCompositeFieldContainer[SampleHold]
    """Output only. Holds standing on the sample. Custodians only."""
    material_type: MaterialType
    """Required, immutable. The kind of material."""
    name: str
    """Identifier, output only. "samples/{id}": sample_id of the registering request, or a UUIDv7."""
    parent: str
    """Output only. The sample this one was aliquoted or derived from, "samples/{id}"; empty for a
    primary sample.
    """
    quantity: Quantity
    """Required. How much material the container holds. Custodians only; others see quantity_band."""
    quantity_band: str
    """Output only. The quantity's order of magnitude, e.g. "1-10 mL", shown to everyone."""
    site: str
    """Output only. The site the sample is at, "sites/{id}": its box's, or the site that received it;
    empty while unknown (registered without a position) or with a carrier.
    """
    source_kind: SourceKind
    """Required, immutable. Where the material comes from."""
    species: str
    """Immutable. Species, e.g. "Sus scrofa domesticus". Required for ANIMAL and ISOLATE."""
    sprec_code: str
    """Optional, immutable. SPREC (Standard PREanalytical Code) of the sample's processing."""
    state: SampleState
    """Output only. Whether the sample can be used."""
    storage_position: _storage_service_pb2.StoragePosition
    """Optional. The box position the container is in; MoveSample changes it. Custodians only."""
    transfer: str
    """Output only. The dispatched transfer carrying the sample, "transfers/{id}", while in transit."""
    update_time: _timestamp_pb2.Timestamp
    """Output only. When the sample last changed."""
    def __init__(self, name: _Optional[str] = ..., barcode: _Optional[str] = ..., custodian_organisation: _Optional[str] = ..., collection: _Optional[str] = ..., source_kind: _Optional[_Union[SourceKind, str]] = ..., donor_pseudonym: _Optional[str] = ..., species: _Optional[str] = ..., material_type: _Optional[_Union[MaterialType, str]] = ..., collection_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., quantity: _Optional[_Union[Quantity, _Mapping]] = ..., quantity_band: _Optional[str] = ..., consent_reference: _Optional[str] = ..., sprec_code: _Optional[str] = ..., storage_position: _Optional[_Union[_storage_service_pb2.StoragePosition, _Mapping]] = ..., state: _Optional[_Union[SampleState, str]] = ..., parent: _Optional[str] = ..., freeze_thaw_count: _Optional[int] = ..., checked_out: bool = ..., catalogue_only: bool = ..., create_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ..., holds: _Optional[_Iterable[_Union[SampleHold, _Mapping]]] = ..., allocation: _Optional[_Union[SampleAllocation, _Mapping]] = ..., site: _Optional[str] = ..., transfer: _Optional[str] = ...) -> None: ...

class SampleAllocation(_message.Message):
    """The allocation of a sample to a project, as AllocateSamples recorded it."""
    __slots__ = ["allocation_id", "expire_time", "project"]
    ALLOCATION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    allocation_id: str
    """Output only. Id of the allocation; ReleaseSampleAllocation names it."""
    expire_time: _timestamp_pb2.Timestamp
    """Output only. When the allocation lapses."""
    project: str
    """Output only. The project the sample is allocated to."""
    def __init__(self, allocation_id: _Optional[str] = ..., project: _Optional[str] = ..., expire_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SampleHold(_message.Message):
    """A hold on a sample, as PlaceHold (or a consent withdrawal) recorded it."""
    __slots__ = ["hold_id", "kind", "place_time", "reason"]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PLACE_TIME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    """Output only. Id of the hold within its sample; LiftHold names it."""
    kind: HoldKind
    """Output only. Why the sample is held."""
    place_time: _timestamp_pb2.Timestamp
    """Output only. When the hold was placed."""
    reason: str
    """Output only. Free-text explanation."""
    def __init__(self, hold_id: _Optional[str] = ..., kind: _Optional[_Union[HoldKind, str]] = ..., reason: _Optional[str] = ..., place_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SampleLineage(_message.Message):
    """A sample and its family."""
    __slots__ = ["ancestors", "descendants", "sample"]
    ANCESTORS_FIELD_NUMBER: _ClassVar[int]
    DESCENDANTS_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_FIELD_NUMBER: _ClassVar[int]
    ancestors: _containers.RepeatedCompositeFieldContainer[Sample]
    """Its parent, the parent's parent, and so on up to the primary sample."""
    descendants: _containers.RepeatedCompositeFieldContainer[Sample]
    """Every sample made from it, directly or not, generation by generation, each generation in name
    order.
    """
    sample: Sample
    """The sample asked for."""
    def __init__(self, sample: _Optional[_Union[Sample, _Mapping]] = ..., ancestors: _Optional[_Iterable[_Union[Sample, _Mapping]]] = ..., descendants: _Optional[_Iterable[_Union[Sample, _Mapping]]] = ...) -> None: ...

class SamplePortion(_message.Message):
    """A new container made from a sample."""
    __slots__ = ["barcode", "quantity", "sample_id", "storage_position"]
    BARCODE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_ID_FIELD_NUMBER: _ClassVar[int]
    STORAGE_POSITION_FIELD_NUMBER: _ClassVar[int]
    barcode: str
    """Required. The new container's barcode, unique within the organisation."""
    quantity: Quantity
    """Required. How much material it holds."""
    sample_id: str
    """Optional. Id to give the new sample; a UUIDv7 if empty."""
    storage_position: _storage_service_pb2.StoragePosition
    """Optional. The box position it is placed in."""
    def __init__(self, sample_id: _Optional[str] = ..., barcode: _Optional[str] = ..., quantity: _Optional[_Union[Quantity, _Mapping]] = ..., storage_position: _Optional[_Union[_storage_service_pb2.StoragePosition, _Mapping]] = ...) -> None: ...

class HoldKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Why a sample is held."""
    __slots__ = []

class SourceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Where a sample's material comes from."""
    __slots__ = []

class MaterialType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Material types, aligned with the MIABIS 2.0 "material type" vocabulary, extended with the
    environmental matrices of One Health work.
    """
    __slots__ = []

class QuantityUnit(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Units of a quantity. Quantities of one sample and its aliquots share one unit."""
    __slots__ = []

class SampleState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    """Whether a sample can be used. A hold overrides an allocation; depleted is reached at quantity zero."""
    __slots__ = []
