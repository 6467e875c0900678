using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class FaultTests
{
    [Fact]
    public void FaultException_CarriesTheOrganizationServiceFault()
    {
        var fault = new OrganizationServiceFault { ErrorCode = -2147220969, Message = "account With Id = 1 Does Not Exist" };

        var exception = new FaultException<OrganizationServiceFault>(fault, fault.Message);

        Assert.Same(fault, exception.Detail);
        Assert.Equal(fault.Message, exception.Message);
        Assert.IsAssignableFrom<CommunicationException>(exception);
    }

    [Fact]
    public void FaultException_WithoutReason_SaysSo()
    {
        var exception = new FaultException<OrganizationServiceFault>(new OrganizationServiceFault());

        Assert.Equal("The creator of this fault did not specify a Reason.", exception.Message);
    }
}
