namespace CaraPlatform.Web.Platform.Mail;

/// <summary>The outbox (<see cref="Mailbox"/>), its dispatcher and the transport: SMTP when <c>Mail:Smtp:Host</c> is set, else a folder.</summary>
public static class MailModule
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Mailbox>();
        services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailDispatchOptions>()
            .Bind(builder.Configuration.GetSection(MailDispatchOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => !o.Problems().Any(), $"{MailDispatchOptions.Section} is inconsistent: check PollInterval, backoff and Lease.")
            .ValidateOnStart();
        // Outside Development RequiredSettings insists on a mail server, so the folder is only ever Development's.
        if (builder.Configuration[$"{SmtpOptions.Section}:Host"] is { Length: > 0 })
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        else
            services.AddSingleton<IMailTransport>(sp => new FolderMailTransport(
                builder.Configuration[FolderMailTransport.FolderKey] is { Length: > 0 } folder ? folder : HostCommands.DevelopmentFolder(builder.Environment, "mail"),
                sp.GetRequiredService<ILogger<FolderMailTransport>>()));
        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());
    }
}
