namespace System.Activities;

/// <summary>net10.0 only: the context passed to CodeActivity.Execute.</summary>
public class CodeActivityContext : ActivityContext
{
    /// <summary>Made by the local Dataverse, which plays the workflow runtime; extensions come from the provider.</summary>
    internal CodeActivityContext(Func<Type, object> extensionProvider)
        : base(extensionProvider)
    {
    }
}
