using Microsoft.Xrm.Sdk;

namespace CreditOS.XrmSdk.StandIn.Tests.Sdk;

public class OrganizationServiceFaultTests
{
    [Fact]
    public void OrganizationServiceFault_HasEmptyErrorDetails()
    {
        var fault = new OrganizationServiceFault();

        Assert.Empty(fault.ErrorDetails);
        fault.ErrorDetails["Retry-After"] = TimeSpan.FromSeconds(5);
        Assert.Equal(TimeSpan.FromSeconds(5), fault.ErrorDetails["Retry-After"]);
    }

    [Fact]
    public void OrganizationServiceFault_ToString_ListsTheFaultAndItsInnerFaults()
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = -2147220891,
            Message = "outer",
            Timestamp = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            InnerFault = new OrganizationServiceFault { ErrorCode = 7, Message = "inner" },
        };

        Assert.Equal(
            "Exception details: \nErrorCode: 0x80040265\nMessage: outer\nTimeStamp: 2026-01-02T03:04:05.0000000Z\n--\n"
            + "Exception details: \nErrorCode: 0x7\nMessage: inner\nTimeStamp: 0001-01-01T00:00:00.0000000Z\n--\n",
            fault.ToString());
    }
}
