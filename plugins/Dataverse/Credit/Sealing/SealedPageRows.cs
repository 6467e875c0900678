using System.Globalization;
using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// The accounts' pictures and score-history rows a nightly scoring page hands back sealed for the integration worker to write
/// in bulk (session 25; <c>ReturnSealedRows</c>): each account's changed columns with its last-scored time, sealed with the row
/// version the page read (the basis the guard compares), and its history row with an id chosen here, sealed too. The account's
/// picture names its history row (<see cref="HistoryRowColumn"/>, checked inside the seal, not stored) so the pair cannot be
/// split and recombined; the history JSON pairs each row with its account in clear (<see cref="AccountPairKey"/>) so the worker
/// creates it only once its account took its picture (session 26). Only an account whose whole write is its columns, its history row and
/// (session 30) a limit review to raise is handed back: one with held orders to release or a scoring failure's hold to lift is committed by
/// the page as before. A limit review travels inside its account's picture (<see cref="SealedLimitReview"/>) and is opened by the credit
/// flow when the account takes the picture, in the same transaction.
/// </summary>
public sealed class SealedPageRows(byte[] key)
{
    /// <summary>Inside an account's sealed picture only: the id of the history row sealed with it (empty when none).</summary>
    public const string HistoryRowColumn = "#history";

    /// <summary>
    /// In the history JSON only, beside each row's id and picture: the account whose picture the row records, in clear (an id, not a
    /// score). Session 26: the worker creates a history row only after its account took its picture, and needs the pair for it; it
    /// strips this before sending (the guard refuses anything beside the picture).
    /// </summary>
    public const string AccountPairKey = "#account";

    private readonly Dictionary<Guid, Guid> _accountOfHistory = [];

    public List<Entity> Accounts { get; } = [];

    public List<Entity> History { get; } = [];

    /// <summary>Limit reviews sealed inside the accounts' pictures (session 30).</summary>
    public int Reviews { get; private set; }

    /// <summary>
    /// Whether the evaluation's write is only the account's columns, its history row and a limit review, none of the columns a running
    /// figure postings keep (session 27: those stay with the page's conditional write, so a sealed write never sets what a payment or an
    /// order sets). A scoring failure's hold stays with the page: lifting it sealed would write the hold columns, and a hold Finance puts
    /// on between the picture's pre-image and its row lock would leave no mark the lock check sees (session 30).
    /// </summary>
    internal static bool MayHandBack(RescoreEvaluation evaluation) =>
        !evaluation.LiftHold && evaluation.Reading.HeldOrderCount == 0
        && SealedPictureLockCheck.RunningColumnsIn(evaluation.Changes.Attributes.Keys).Count == 0;

    /// <param name="review">Session 30: the limit review to raise with the picture (the request row the page would have opened,
    /// queue included), or null.</param>
    internal void Add(RescoreEvaluation evaluation, ScoreTrigger trigger, string triggerDetail, DateTime now, Entity? review = null)
    {
        var accountId = evaluation.Account.Id;
        var basis = long.Parse(
            evaluation.Account.Row.RowVersion ?? throw new InvalidPluginExecutionException("The account " + evaluation.Account.Name + " was read without its row version, so its picture cannot be sealed."),
            NumberStyles.Integer,
            CultureInfo.InvariantCulture);
        var historyId = Guid.Empty;
        if (evaluation.Picture.ScoreChanged)
        {
            historyId = Guid.NewGuid();
            var row = evaluation.Picture.HistoryRow(trigger, triggerDetail);
            History.Add(new Entity(CreditScoreHistory.EntityLogicalName, historyId)
            {
                [CreditScoreHistory.Fields.SealedPicture] = SealedPicture.Seal(key, CreditScoreHistory.EntityLogicalName, historyId, basis, row.Attributes),
            });
            _accountOfHistory[historyId] = accountId;
        }

        var columns = evaluation.Changes.Attributes.Where(a => a.Key != Account.Fields.AccountId).ToList();
        columns.Add(new KeyValuePair<string, object?>(Account.Fields.LastScoredOn, now));
        columns.Add(new KeyValuePair<string, object?>(HistoryRowColumn, historyId));
        if (review is not null)
        {
            columns.Add(new KeyValuePair<string, object?>(SealedLimitReview.Column, SealedLimitReview.Write(review)));
            Reviews++;
        }

        Accounts.Add(new Entity(Account.EntityLogicalName, accountId)
        {
            [Account.Fields.SealedPicture] = SealedPicture.Seal(key, Account.EntityLogicalName, accountId, basis, columns),
        });
    }

    /// <summary>The accounts as JSON text for the response (<see cref="PageRowsJson"/>).</summary>
    public string AccountsJson() => PageRowsJson.Write(Account.EntityLogicalName, Account.Fields.AccountId, Accounts);

    /// <summary>The history rows as JSON text for the response, each with its account (<see cref="AccountPairKey"/>).</summary>
    public string HistoryJson() => PageRowsJson.Write(
        CreditScoreHistory.EntityLogicalName,
        CreditScoreHistory.Fields.CreditScoreHistoryId,
        History.Select(row => new Entity(row.LogicalName, row.Id)
        {
            [CreditScoreHistory.Fields.SealedPicture] = row[CreditScoreHistory.Fields.SealedPicture],
            [AccountPairKey] = _accountOfHistory[row.Id].ToString("D"),
        }));
}
