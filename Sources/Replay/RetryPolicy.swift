/// How the replay answers a 429 the recording did not have: wait what `Retry-After` says (delta-seconds,
/// decimals allowed; 1 s when it is missing or an HTTP date), at most `maxWaitSeconds`, and send again,
/// at most `maxRetries` times. A recorded 429 is compared as usual.
public struct RetryPolicy: Sendable, Equatable {
    public var maxRetries: Int
    public var maxWaitSeconds: Double

    public init(maxRetries: Int = 3, maxWaitSeconds: Double = 60) {
        self.maxRetries = maxRetries
        self.maxWaitSeconds = maxWaitSeconds
    }

    /// Whether this answer to this request is worth sending again after `retries` retries.
    func retries(_ request: RecordedRequest, _ response: ClientResponse, after retries: Int) -> Bool {
        guard response.status == 429, retries < maxRetries else { return false }
        if let recorded = request.status, recorded.matches(429) { return false }
        return true
    }

    /// Seconds to wait before the next attempt.
    func wait(for response: ClientResponse) -> Double {
        let text = response.header("Retry-After")?.trimmingCharacters(in: " ") ?? ""
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else { return min(1, maxWaitSeconds) }
        return min(seconds, maxWaitSeconds)
    }
}

private extension String {
    func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}
