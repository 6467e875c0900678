extern alias plugins;

using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AccountCreditRecord = plugins::CreditOS.Dataverse.Credit.Accounts.AccountCreditRecord;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// The account read's columns: the record's own, then each extra column a caller names that is not among them yet, in
/// order and once (session 23 merged them without LINQ's set and buffers, on every payment).
/// </summary>
public sealed class AccountCreditRecordColumnsTests
{
    [Fact]
    public void ExtraColumns_FollowTheRecordsOwn_InOrder_EachOnce()
    {
        var id = Guid.NewGuid();
        var own = AccountCreditRecord.Query(id).ColumnSet.Columns.ToList();

        var columns = AccountCreditRecord.Query(id, Account.Fields.HistoryFigures, Account.Fields.Name, Account.Fields.UnappliedCash, Account.Fields.HistoryFigures)
            .ColumnSet.Columns.ToList();

        Assert.Equal(own.Count, own.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(Account.Fields.Name, own);
        Assert.Equal([.. own, Account.Fields.HistoryFigures, Account.Fields.UnappliedCash], columns);
    }

    [Fact]
    public void NoExtraColumns_ReadsTheRecordsOwnColumnsOnly()
    {
        var columns = AccountCreditRecord.Query(Guid.NewGuid()).ColumnSet.Columns;

        Assert.Equal(25, columns.Count);
        Assert.Equal(Account.Fields.Name, columns[0]);
        Assert.DoesNotContain(Account.Fields.HistoryFigures, columns);
    }
}
