using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Support;

internal static class FaultAssert
{
    /// <summary>Asserts the action fails with an organization service fault of the given code, and returns it.</summary>
    public static OrganizationServiceFault Throws(int expectedErrorCode, Action action)
    {
        var exception = Assert.Throws<FaultException<OrganizationServiceFault>>(action);
        Assert.Equal(expectedErrorCode, exception.Detail.ErrorCode);
        Assert.Equal(exception.Detail.Message, exception.Message);
        return exception.Detail;
    }
}
