using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>The scheduled batch rescore (with the daily KPI snapshot) and the daily bureau refresh.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    public bool BatchRescoreEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan BatchRescoreInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Accounts per page; Dataverse returns at most 5,000 rows per page.</summary>
    [Range(1, 5000)]
    public int BatchRescorePageSize { get; set; } = 1000;

    /// <summary>
    /// Rescore set-based (the global Custom API cos_RescoreAccountPage, one call per <see cref="BatchRescoreAccountsPerCall"/>
    /// accounts); false calls the per-account cos_RescoreAccount for every account (about 13 operations each).
    /// </summary>
    public bool BatchRescoreSetBased { get; set; } = true;

    /// <summary>
    /// Accounts per cos_RescoreAccountPage call, at most 1,000 (the page's <c>in</c> conditions and the 2-minute operation
    /// limit). Since session 20 the page reads its receivables as rows (5,000 a call), which Dataverse's 50,000-row
    /// aggregate limit does not apply to, so a page of customers with 100 invoices may take more than 400; a page whose
    /// orders or promises aggregate passes the limit is still split in half and sent again. Session 29: 1,000 by default (was
    /// 400, because at 1,000 a one-call page on the local Dataverse under load once passed the worker's 300 s batch timeout,
    /// session 20). The two-call night splits a page's work into a scoring and a collections call, the fixed reads a call cost
    /// are what keeps the night above 0.05 operations an account at 500, and a call that runs out of time is now sent again in
    /// two halves (Dataverse's 2-minute limit rolls it back; the scoring call also on the worker's own timeout), so a page too
    /// slow for 1,000 costs the lost call's time, not its accounts. Its time inside Dataverse's 2-minute limit is still not
    /// measured on a real environment (integration README, session 29).
    /// </summary>
    [Range(1, 1000)]
    public int BatchRescoreAccountsPerCall { get; set; } = 1000;

    /// <summary>
    /// Session 25, the two-call night: each page is a scoring call that hands its plain accounts and score-history rows back
    /// sealed, the worker's bulk writes (since session 26 the accounts with UpdateMultiple first, then the history rows of the
    /// accounts written with CreateMultiple, an account raced after the scoring call scored again) and a collections call that
    /// reads the written picture (equal to the one-call night over several nights with a race; integration README, sessions 26–27).
    /// On by default since session 27: a sealed picture never sets the running figures payments and orders post (the page writes
    /// such an account itself), and the guard's post-operation step, under the update's row lock, refuses a picture when anything it
    /// left alone moved since the pre-image, so a payment committing between the pre-image and the lock is refused and rescored,
    /// never overwritten (SealedPicturePaymentRaceTests). False: each page is the one call of sessions 8–22.
    /// </summary>
    public bool BatchRescoreTwoCalls { get; set; } = true;

    /// <summary>Each batch rescore pass ends by writing the day's portfolio KPI snapshot (cos_portfoliokpi).</summary>
    public bool KpiSnapshotEnabled { get; set; } = true;

    public bool BureauRefreshEnabled { get; set; } = true;

    /// <summary>Time of day (UTC) of the daily bureau refresh.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan BureauRefreshTimeOfDayUtc { get; set; } = TimeSpan.FromHours(2);
}
