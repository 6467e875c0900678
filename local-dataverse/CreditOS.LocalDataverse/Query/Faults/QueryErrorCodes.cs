namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Dataverse's error codes for query faults (OrganizationServiceFault.ErrorCode), as the platform
/// numbers them (Microsoft.Dynamics.Solution.Common error codes; AggregateQueryRecordLimit from the
/// FetchXML aggregation documentation). Round 10 checked each against Microsoft's "Web service error codes"
/// (reference/web-service-error-codes): 0x8004111B is QueryBuilderDeserializeInvalidGetMinActiveRowVersion there, and
/// 0x80041127 is not listed, so the duplicate-alias and top-count faults that used them now take the listed codes.
/// </summary>
internal static class QueryErrorCodes
{
    public const int InvalidXml = -2147220991;                            // 0x80040201
    public const int InvalidArgument = -2147220989;                       // 0x80040203
    public const int NotSupported = -2147220715;                          // 0x80040315
    public const int QueryBuilderNoEntity = -2147217150;                  // 0x80041102
    public const int QueryBuilderNoAttribute = -2147217149;               // 0x80041103
    public const int QueryBuilderAttributeWithAggregate = -2147217145;    // 0x80041107
    public const int QueryBuilderInvalidValue = -2147217144;              // 0x80041108
    public const int QueryBuilderAliasDoesNotExist = -2147217142;         // 0x8004110A
    public const int QueryBuilderNoAlias = -2147217141;                   // 0x8004110B
    public const int QueryBuilderByAttributeMismatch = -2147217137;       // 0x8004110F
    public const int QueryBuilderByAttributeNonEmpty = -2147217136;       // 0x80041110
    public const int QueryBuilderDeserializeInvalidLinkType = -2147217129; // 0x80041117
    public const int QueryBuilderDeserializeInvalidDistinct = -2147217131;   // 0x80041115
    public const int QueryBuilderDeserializeInvalidDescending = -2147217127; // 0x80041119
    public const int QueryBuilderDeserializeInvalidGroupBy = -2147217106;    // 0x8004112E
    public const int QueryBuilderDeserializeInvalidUseRawOrderBy = -2147217155; // 0x800410FD
    public const int QueryBuilderDeserializeInvalidAggregate = -2147217126; // 0x8004111A
    public const int QueryBuilderDeserializeInvalidNode = -2147217124;    // 0x8004111C
    public const int QueryBuilderInvalidConditionOperator = -2147217120;  // 0x80041120
    public const int QueryBuilderInvalidFilterType = -2147217118;         // 0x80041122
    public const int QueryBuilderValueGreaterThanZero = -2147217140;      // 0x8004110C "A value greater than zero must be specified."
    public const int QueryBuilderInvalidAggregateAttribute = -2147217105; // 0x8004112F "Aggregate {0} is not supported for attribute of type {1}."
    public const int QueryBuilderAttributeNotAllowedForAggregateOrderBy = -2147217103; // 0x80041131
    public const int QueryBuilderAliasNotAllowedForNonAggregateOrderBy = -2147217102; // 0x80041132
    public const int QueryBuilderAttributeRequiredForNonAggregateOrderBy = -2147217101; // 0x80041133
    public const int QueryBuilderInvalidDateGrouping = -2147217099;       // 0x80041135 "An invalid value was specified for dategrouping."
    public const int QueryBuilderAttributeCannotBeGroupByAndAggregate = -2147217097; // 0x80041137
    public const int QueryBuilderPagingOrderBy = -2147217111;             // 0x80041129 "Order by columns do not match those in paging cookie."
    public const int QueryBuilderDuplicateAlias = -2147217104;            // 0x80041130 "FetchXML should have unique aliases."
    // Round 12: deserialization and shape faults, each with its published sentence (Web service error codes).
    public const int QueryBuilderDeserializeInvalidMapping = -2147217130;   // 0x80041116
    public const int QueryBuilderDeserializeInvalidNoLock = -2147217128;    // 0x80041118
    public const int QueryBuilderDeserializeInvalidUtcOffset = -2147217123; // 0x8004111D
    public const int QueryBuilderDeserializeEmptyXml = -2147217116;         // 0x80041124
    public const int QueryBuilderAttributePairMismatch = -2147217135;       // 0x80041111
    public const int QueryBuilderInvalidLogicalOperator = -2147217154;      // 0x800410FE
    public const int QueryBuilderInvalidOrderType = -2147217121;            // 0x8004111F
    public const int QueryBuilderInvalidJoinOperator = -2147217119;         // 0x80041121
    public const int QueryBuilderInvalidPagingCookie = -2147217110;         // 0x8004112A
    public const int AggregateQueryRecordLimit = -2147164125;             // 0x8004E023
    public const int QuickFindQueryRecordLimitExceeded = -2147164124;     // 0x8004E024 (quick-find, "Quick find record limits")
    public const int LinkEntityLimitExceeded = -2147204339;               // 0x8004430D
    public const int TooManyConditionsInQuery = -2147204340;              // 0x8004430C
}
