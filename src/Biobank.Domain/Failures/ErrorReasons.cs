namespace Biobank.Domain.Failures;

/// <summary>
/// The machine-readable reasons put in <c>google.rpc.ErrorInfo.reason</c>. Each is documented as a
/// value of <c>biobank.v1.ErrorReason</c> in <c>protos/biobank/v1/common.proto</c>; a test keeps
/// the two lists equal.
/// </summary>
public static class ErrorReasons
{
    public const string InvalidFields = "INVALID_FIELDS";
    public const string RequestIdReused = "REQUEST_ID_REUSED";
    public const string InvalidPageToken = "INVALID_PAGE_TOKEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string RoleRequired = "ROLE_REQUIRED";
    public const string OrganisationMismatch = "ORGANISATION_MISMATCH";
    public const string DevelopmentSignInDisabled = "DEVELOPMENT_SIGN_IN_DISABLED";
    public const string LoopbackOnly = "LOOPBACK_ONLY";
    public const string ResourceNotFound = "RESOURCE_NOT_FOUND";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string EtagMismatch = "ETAG_MISMATCH";
    public const string ConcurrentModification = "CONCURRENT_MODIFICATION";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";
    public const string InternalFault = "INTERNAL_FAULT";
    public const string CallEnded = "CALL_ENDED";
    public const string SlotUnavailable = "SLOT_UNAVAILABLE";
    public const string DurationOutOfRange = "DURATION_OUT_OF_RANGE";
    public const string OutsideBookingHorizon = "OUTSIDE_BOOKING_HORIZON";
    public const string InsufficientNotice = "INSUFFICIENT_NOTICE";
    public const string EquipmentUnavailable = "EQUIPMENT_UNAVAILABLE";
    public const string QualificationRequired = "QUALIFICATION_REQUIRED";
    public const string InvalidStateTransition = "INVALID_STATE_TRANSITION";
    public const string UnknownSite = "UNKNOWN_SITE";
    public const string UnsuitableParent = "UNSUITABLE_PARENT";
    public const string PositionOccupied = "POSITION_OCCUPIED";
    public const string InvalidPosition = "INVALID_POSITION";
    public const string InsufficientQuantity = "INSUFFICIENT_QUANTITY";
    public const string UnitMismatch = "UNIT_MISMATCH";
    public const string SampleNotAvailable = "SAMPLE_NOT_AVAILABLE";
    public const string ConsentWithdrawn = "CONSENT_WITHDRAWN";
    public const string UseNotPermitted = "USE_NOT_PERMITTED";
    public const string ReleaseGateFailed = "RELEASE_GATE_FAILED";
    public const string TransferItemElsewhere = "TRANSFER_ITEM_ELSEWHERE";
    public const string TransferItemUnavailable = "TRANSFER_ITEM_UNAVAILABLE";
    public const string TransferItemOnHold = "TRANSFER_ITEM_ON_HOLD";
    public const string TransferItemAllocated = "TRANSFER_ITEM_ALLOCATED";
    public const string TransferConsentNotGiven = "TRANSFER_CONSENT_NOT_GIVEN";
    public const string TransferAgreementNotCovering = "TRANSFER_AGREEMENT_NOT_COVERING";
    public const string TransferLoanOverlapsReservations = "TRANSFER_LOAN_OVERLAPS_RESERVATIONS";
    public const string ItemInOpenTransfer = "ITEM_IN_OPEN_TRANSFER";
}
