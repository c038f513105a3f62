namespace CaraPlatform.Domain.Workshops;

/// <summary>
/// One broken rule: the field it is about (a request path such as <c>workshop2.date</c>) and why. Rules return
/// every breach, not the first, so a coordinator fixes a schedule or a register in one pass.
/// </summary>
public sealed record RuleBreach(string Path, string Message);
