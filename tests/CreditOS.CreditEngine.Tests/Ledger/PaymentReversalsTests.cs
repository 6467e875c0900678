using CreditOS.CreditEngine.Ledger;

namespace CreditOS.CreditEngine.Tests.Ledger;

/// <summary>
/// Session 14: a reversal undoes exactly its payment's shares; the same reversal again is a redelivery, another one or other
/// facts are refused with the figures; an ERP restatement feeds paid = max(ERP's figure, creditOS's applications).
/// </summary>
public class PaymentReversalsTests
{
    private static readonly Guid First = new("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Second = new("22222222-2222-2222-2222-222222222222");

    [Fact]
    public void Shares_AddUp_AreFoundAndRemovedPerPayment_AndSurviveTheirText()
    {
        var text = PaymentShares.Add(null, First, 300m, 0m);
        text = PaymentShares.Add(text, Second, 150.5m, 4.5m);

        Assert.Equal(2, PaymentShares.Parse(text).Count);
        Assert.Equal(155m, PaymentShares.Find(text, Second)!.Total);
        Assert.Null(PaymentShares.Find(PaymentShares.Remove(text, Second), Second));
        Assert.Equal(300m, PaymentShares.Find(PaymentShares.Remove(text, Second), First)!.Cash);
        Assert.Null(PaymentShares.Remove(PaymentShares.Remove(text, Second), First));
        Assert.Throws<CreditInputException>(() => PaymentShares.Parse("not-a-share"));
    }

    [Fact]
    public void UndoingAShare_ReopensByCashAndDiscount_AndTheUnappliedPartIsWhatTheSharesDidNotTake()
    {
        Assert.Equal(820m, PaymentReversals.OpenAfterUndo(0m, new PaymentShare(First, 800m, 20m)));
        Assert.Equal(200m, PaymentReversals.UnappliedPart(1_500m, new[] { new PaymentShare(First, 800m, 20m), new PaymentShare(First, 500m, 0m) }));
        Assert.Equal(0m, PaymentReversals.UnappliedCashAfter(150m, 200m, out var shortfall));
        Assert.Equal(50m, shortfall);
    }

    [Theory]
    [InlineData(null, "R-1", "bounced", ReversalStanding.New)]
    [InlineData("R-1", "R-1", "bounced", ReversalStanding.Redelivered)]
    [InlineData("R-1", "r-1", "bounced", ReversalStanding.Redelivered)]
    [InlineData("R-1", "R-1", "chargeback", ReversalStanding.Changed)]
    [InlineData("R-1", "R-2", "bounced", ReversalStanding.AlreadyReversed)]
    public void AReversal_StandsAgainstTheOneTheRowHolds(string? held, string incoming, string reason, ReversalStanding expected) =>
        Assert.Equal(expected, PaymentReversals.Compare(held, "bounced", new DateTime(2026, 11, 25), incoming, reason, new DateTime(2026, 11, 25)));

    [Fact]
    public void RefusalsStateBothSetsOfFigures()
    {
        var again = PaymentReversals.Refusal(ReversalStanding.AlreadyReversed, "SAP/P-1", 600m, "R-1", "bounced", new DateTime(2026, 11, 25), "R-2", "chargeback", new DateTime(2026, 11, 26));
        Assert.Contains("600.00", again, StringComparison.Ordinal);
        Assert.Contains("R-1 dated 2026-11-25 (bounced)", again, StringComparison.Ordinal);
        Assert.Contains("R-2 dated 2026-11-26 (chargeback)", again, StringComparison.Ordinal);
        Assert.Equal(
            "Reversal R-1 states 50.00 but payment SAP/P-1 was posted as 100.00: a reversal takes back the whole payment (partial reversals are not carried); reverse it whole and post what was really paid as a new payment.",
            PaymentReversals.AmountRefusal("SAP/P-1", 100m, 50m, "R-1"));
        Assert.Null(PaymentReversals.AmountRefusal("SAP/P-1", 100m, null, "R-1"));
        Assert.NotNull(PaymentReversals.ReasonRefusal("R-1", "  "));
        Assert.NotNull(PaymentReversals.ReasonRefusal("R-1", new string('x', PaymentReversals.ReasonMaxLength + 1)));
    }

    [Theory]
    [InlineData("Bounced cheque", true)]
    [InlineData("Chargeback by the card issuer", true)]
    [InlineData("NSF", true)]
    [InlineData("Wrong customer posted", false)]
    public void ACustomersFailureIsToldFromABookkeepingCorrection(string reason, bool failure) =>
        Assert.Equal(failure, PaymentReversals.IsCustomerFailure(reason));

    [Theory]
    // applied, amount after, ERP open → open, ahead
    [InlineData(300, 1000, 1000, 700, 0)] // a late or redelivered statement never undoes what creditOS applied
    [InlineData(300, 1000, 500, 500, 200)] // the ERP knows 200.00 more paid: open is the ERP's; the payment is matched when it comes
    [InlineData(0, 1000, 1000, 1000, 0)] // the ERP reopened what only its figure held
    [InlineData(300, 800, 500, 500, 0)] // a credit note with the payment counted by both
    [InlineData(300, 800, 800, 500, 0)] // a credit note from a message that did not see the payment
    [InlineData(300, 1000, 0, 0, 700)] // settled in the ERP
    public void ARestatement_TakesPaidAsTheLargerOfTheErpsFigureAndWhatCreditOsApplied(decimal applied, decimal amount, decimal erpOpen, decimal open, decimal ahead)
    {
        var restated = PaidInTheErp.Restate(applied, amount, erpOpen)!;

        Assert.Equal(open, restated.Open);
        Assert.Equal(ahead, restated.PaidAhead);
        Assert.Equal(amount, restated.Open + restated.PaidAhead + applied);
    }

    [Fact]
    public void ARestatementBelowWhatCreditOsApplied_IsRefused() => Assert.Null(PaidInTheErp.Restate(300m, 200m, 0m));

    [Fact]
    public void Applied_IsWhatIsNeitherOpenNorTheErpsUnmatchedFigure() => Assert.Equal(300m, PaidInTheErp.Applied(1_000m, 500m, 200m));
}

/// <summary>Pending cash (session 14): taken in up to what the ERP says is paid, given back newest first when it says less.</summary>
public class PendingCashRulesTests
{
    private static readonly Guid Early = new("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Late = new("22222222-2222-2222-2222-222222222222");

    [Fact]
    public void PendingCash_IsTakenInOldestFirst_AndGivenBackNewestFirst()
    {
        var text = PaymentShares.Add(PaymentShares.Add(null, Early, 400m, 0m, pending: 500m), Late, 0m, 0m, pending: 200m);

        var taken = PaymentShares.TakeInPending(text, 600m, out var moved);
        Assert.Equal(600m, moved);
        Assert.Equal(500m, PaymentShares.Find(taken, Early)!.Inferred);
        Assert.Equal(100m, PaymentShares.Find(taken, Late)!.Inferred);
        Assert.Equal(100m, PaymentShares.PendingOf(taken));

        var back = PaymentShares.GiveBackInferred(taken, 150m, out var returned);
        Assert.Equal(150m, returned);
        Assert.Equal(0m, PaymentShares.Find(back, Late)!.Inferred);
        Assert.Equal(450m, PaymentShares.Find(back, Early)!.Inferred);
        Assert.Equal(850m, PaymentShares.Find(back, Early)!.Total);
    }

    [Theory]
    // amount, open after the undo, ahead, ERP paid → room
    [InlineData(450, 100, 0, 400, 50)] // the ERP counts the late payment's 400.00; 350.00 applied here: 50.00 of its pending goes in
    [InlineData(1000, 600, 0, 400, 0)] // a true over-payment: the ERP keeps the excess as credit too
    [InlineData(1000, 600, 0, 0, 0)] // an invoice the ERP never restated: nothing is inferred
    [InlineData(1000, 500, 100, 700, 200)] // 600.00 applied, the ERP at 700.00 (100.00 unmatched); 200.00 undone: the ERP figure leaves room for 200.00
    public void AReversal_TakesPendingCashIn_OnlyUpToTheErpsFigure(decimal amount, decimal open, decimal ahead, decimal erpPaid, decimal room) =>
        Assert.Equal(room, PaymentReversals.RoomForPending(amount, open, ahead, erpPaid));
}
