using System.Activities;
using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Activities;

public class ActivityArgumentTests
{
    [Fact]
    public void InArgument_ReadsTheValueTheRuntimeAssigned()
    {
        var argument = new InArgument<int>();
        var context = new CodeActivityContext(_ => null!);

        context.SetValue(argument, 7);

        Assert.Equal(7, argument.Get(context));
        Assert.Equal(7, context.GetValue(argument));
    }

    [Fact]
    public void InArgument_WithConstant_ReadsTheConstantUntilAssigned()
    {
        InArgument<string> argument = "default";
        var context = new CodeActivityContext(_ => null!);

        Assert.Equal("default", argument.Get(context));
    }

    [Fact]
    public void OutArgument_KeepsTheValueTheActivitySet()
    {
        var argument = new OutArgument<Money>();
        var context = new CodeActivityContext(_ => null!);

        argument.Set(context, new Money(5m));

        Assert.Equal(new Money(5m), context.GetValue(argument));
        Assert.Equal(ArgumentDirection.Out, argument.Direction);
        Assert.Equal(typeof(Money), argument.ArgumentType);
    }

    [Fact]
    public void Argument_RejectsAValueOfAnotherType()
    {
        var argument = new InArgument<int>();
        var context = new CodeActivityContext(_ => null!);

        Assert.Throws<InvalidCastException>(() => context.SetValue(argument, "seven"));
    }

    [Fact]
    public void GetExtension_ReturnsWhatTheRuntimeProvides_OrNull()
    {
        var tracing = new RecordingTracingService();
        var context = new CodeActivityContext(type => type == typeof(ITracingService) ? tracing : null!);

        Assert.Same(tracing, context.GetExtension<ITracingService>());
        Assert.Null(context.GetExtension<IOrganizationServiceFactory>());
    }

    private sealed class RecordingTracingService : ITracingService
    {
        public void Trace(string format, params object[] args)
        {
        }
    }
}
