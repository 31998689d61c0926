public import TesseraStore

extension AuditCaller {
    /// The caller as the store's journal and the server's request paths describe it.
    public init(_ context: CallerContext) {
        self.init(
            identity: context.identity.isEmpty ? nil : context.identity,
            subject: context.subject,
            clientID: context.clientID,
            issuer: context.issuer,
            tokenSHA256: context.tokenSHA256,
            sourceAddress: context.sourceAddress)
    }
}
