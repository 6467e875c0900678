using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class RemoteExecutionContextTests
{
    [Fact]
    public void NewContext_HasEmptyCollections_AndNoValues()
    {
        var context = new RemoteExecutionContext();

        Assert.Empty(context.InputParameters);
        Assert.Empty(context.OutputParameters);
        Assert.Empty(context.SharedVariables);
        Assert.Empty(context.PreEntityImages);
        Assert.Empty(context.PostEntityImages);
        Assert.Null(context.MessageName);
        Assert.Equal(0, context.Depth);
        Assert.Equal(0, context.Stage);
        Assert.Null(context.ParentContext);
    }

    [Fact]
    public void ParentContext_IsVisibleThroughThePluginInterface()
    {
        var parent = new RemoteExecutionContext { MessageName = "Create", Depth = 1 };
        IPluginExecutionContext child = new RemoteExecutionContext { ParentContext = parent, Depth = 2 };

        Assert.Same(parent, child.ParentContext);
        Assert.Equal(2, child.Depth);
    }
}
