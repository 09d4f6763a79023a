using Microsoft.Extensions.Options;

namespace Reelgate.Server.Setup;

internal static class OptionsChecks
{
    /// Validation whose message names the setting and the value at fault (Validate's predicate
    /// overload takes one fixed message). With ValidateOnStart a problem stops start-up.
    public static OptionsBuilder<T> Check<T>(this OptionsBuilder<T> options, Func<T, string?> problem) where T : class
    {
        options.Services.AddSingleton<IValidateOptions<T>>(new ProblemCheck<T>(options.Name, problem));
        return options;
    }

    sealed class ProblemCheck<T>(string name, Func<T, string?> problem) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options) =>
            (optionsName ?? Options.DefaultName) != name ? ValidateOptionsResult.Skip
            : problem(options) is { } message ? ValidateOptionsResult.Fail(message)
            : ValidateOptionsResult.Success;
    }
}
