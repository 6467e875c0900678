namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>Event pipeline stages, with the numbers Dataverse uses.</summary>
public enum PipelineStage
{
    /// <summary>Before the main operation, outside the database transaction.</summary>
    PreValidation = 10,

    /// <summary>Before the main operation, inside the transaction.</summary>
    PreOperation = 20,

    /// <summary>The main operation (Custom API plugins run here).</summary>
    MainOperation = 30,

    /// <summary>After the main operation; inside the transaction when synchronous.</summary>
    PostOperation = 40,
}
