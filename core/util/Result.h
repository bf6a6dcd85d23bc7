#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace tardigrade {

// Why something failed, which decides what happens next: a user error is
// reported and the exit code is 1; a transient one is retried; a permanent
// server or internal one is reported and the exit code is 2.
enum class ErrorKind {
    User,      // the user's input is wrong (settings, folders, credentials)
    Transient, // worth retrying: timeout, 5xx, dropped connection
    Permanent, // not worth retrying: 403, a vanished local file, ...
    Cancelled, // stopped on request
    Internal,  // a bug or an unexpected environment problem
};

// Where an error arose, which decides who may retry it: HTTP failures are
// retried by the request layer alone (CatalogueTransport), so the loops above
// it (a file's attempts, a stage) retry only the others: SSH, the local disk.
enum class ErrorOrigin { Local, Http };

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    QString message; // one user-facing sentence: what is wrong and what to do
    int httpStatus = 0;
    ErrorOrigin origin = ErrorOrigin::Local;
    // A request that changes something failed in a way that leaves open
    // whether the server carried it out (a lost answer): look before sending
    // it again (createOrFind).
    bool outcomeUnknown = false;

    static Error user(QString m) { return {ErrorKind::User, std::move(m), 0}; }
    static Error transient(QString m, int status = 0) { return {ErrorKind::Transient, std::move(m), status}; }
    static Error permanent(QString m, int status = 0) { return {ErrorKind::Permanent, std::move(m), status}; }
    static Error cancelled() { return {ErrorKind::Cancelled, QStringLiteral("Cancelled."), 0}; }
    static Error internal(QString m) { return {ErrorKind::Internal, std::move(m), 0}; }
};

// Errors are values: a function that can fail returns Result<T>, which holds
// either a T or an Error. No exceptions cross Qt boundaries.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const Error &error() const { return m_error; }
    T valueOr(T fallback) const { return ok() ? *m_value : std::move(fallback); }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_ok(false), m_error(std::move(error)) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_ok = true;
    Error m_error;
};

using Status = Result<void>;

} // namespace tardigrade
