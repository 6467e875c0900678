using System.Collections.Concurrent;
using System.Security.Cryptography;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// The organization's key for sealed pictures (session 25): 256 random bits in the one row of <c>cos_sealkey</c>, a table no
/// creditOS role has any privilege on, so only SYSTEM (the credit flow's plug-ins) and a System Administrator read it; the
/// lead accepted an administrator-readable key (an administrator can already disable the guard steps). Made by the first page
/// that seals (a fixed row id, so two first pages at once collide and one is sent again instead of making two keys). The page
/// reads it fresh (<see cref="ForSealing"/>, 1 call a page; session 32: once per process and configuration version stamp, which an
/// update or deletion of the key row moves, so a rotation is read by the next page that reads the new stamp); the guards, which fire per row, remember it per organization and
/// process, as <c>CreditFlowIdentity</c> remembers SYSTEM's id, and read it again once when a picture does not open with the
/// remembered one (a rotated key: delete the row), so a rotation costs a call, never a wrong answer.
/// </summary>
public static class SealKey
{
    /// <summary>The key row's id: one per organization.</summary>
    public static readonly Guid RowId = new("5ea1c0de-0000-4c05-8e25-000000000025");

    /// <summary>What <see cref="ForSealing"/> costs: the read, and the create the first time.</summary>
    public const int SealingCalls = 2;

    private static readonly ConcurrentDictionary<Guid, byte[]> Remembered = new();

    /// <summary>Session 32: the key each organization's pages last read, with the version stamp they read before it.</summary>
    private static readonly ConcurrentDictionary<Guid, KeptKey> KeptUnderStamp = new();

    /// <summary>
    /// The key as stored now, made when there is none; remembered for the guards of the same process. Session 32: with
    /// <paramref name="stamp"/> (the configuration's version stamp, read in the caller's transaction before this) the key read under
    /// the same stamp before is taken without a call; every update or deletion of the key row moves the stamp
    /// (<c>ConfigurationVersionPlugin</c>), and the stamp is read first, so a kept key is never older than the stamp it is kept
    /// under. Only a key read from its row is kept: one made here commits with the caller's transaction or not at all, so it is
    /// read (and kept) by the next page; a missing key is never kept.
    /// </summary>
    public static byte[] ForSealing(Guid organizationId, IOrganizationService systemService, string? stamp)
    {
        if (stamp is not null && organizationId != Guid.Empty && KeptUnderStamp.TryGetValue(organizationId, out var kept) && string.Equals(kept.Stamp, stamp, StringComparison.Ordinal))
        {
            Remember(organizationId, kept.Key);
            return kept.Key;
        }

        var stored = Read(systemService);
        if (stored is not null && stamp is not null && organizationId != Guid.Empty)
        {
            KeptUnderStamp[organizationId] = new KeptKey(stamp, stored);
        }

        var key = stored ?? Create(systemService);
        Remember(organizationId, key);
        return key;
    }

    private sealed class KeptKey(string stamp, byte[] key)
    {
        public string Stamp { get; } = stamp;

        public byte[] Key { get; } = key;
    }

    /// <summary>The remembered key (no call), or the stored one (1 call) when none is remembered or <paramref name="readAgain"/>; null when no page ever sealed.</summary>
    public static byte[]? ForOpening(Guid organizationId, IOrganizationService systemService, bool readAgain)
    {
        if (!readAgain && organizationId != Guid.Empty && Remembered.TryGetValue(organizationId, out var known))
        {
            return known;
        }

        var key = Read(systemService);
        if (key is not null)
        {
            Remember(organizationId, key);
        }

        return key;
    }

    private static void Remember(Guid organizationId, byte[] key)
    {
        if (organizationId != Guid.Empty)
        {
            Remembered[organizationId] = key;
        }
    }

    private static byte[]? Read(IOrganizationService systemService)
    {
        var query = new QueryExpression(SealKeyTable.EntityLogicalName) { ColumnSet = new ColumnSet(SealKeyTable.Fields.Key), TopCount = 1 };
        query.Criteria.AddCondition(SealKeyTable.Fields.SealKeyId, ConditionOperator.Equal, RowId);
        var row = systemService.RetrieveMultiple(query).Entities.FirstOrDefault();
        return row?.GetAttributeValue<string>(SealKeyTable.Fields.Key) is { Length: > 0 } text ? Convert.FromBase64String(text) : null;
    }

    private static byte[] Create(IOrganizationService systemService)
    {
        var key = new byte[32];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(key);
        }

        systemService.Create(new Entity(SealKeyTable.EntityLogicalName, RowId)
        {
            [SealKeyTable.Fields.Name] = "creditOS nightly seal key",
            [SealKeyTable.Fields.Key] = Convert.ToBase64String(key),
        });
        return key;
    }
}
