package annotate

import "context"

// WaitingToWrite is what a store says while another process (another
// frametag window, or the command line) holds the project's write lock and a
// write of this one waits for it.
const WaitingToWrite = "waiting for another frametag to finish writing…"

type waitingKey struct{}

// WithWaiting returns a context under which a store tells fn what a write
// waits for: fn(WaitingToWrite) once the wait begins, and fn("") when it is
// over (the write then goes ahead, or fails for its own reason). A store
// never gives up on a write because another process is busy with the file;
// only the context's cancellation ends the wait. fn is called from the
// goroutine that asked for the write.
func WithWaiting(ctx context.Context, fn func(what string)) context.Context {
	return context.WithValue(ctx, waitingKey{}, fn)
}

// Waiting is the function WithWaiting put in ctx, or one that does nothing.
func Waiting(ctx context.Context) func(what string) {
	if fn, ok := ctx.Value(waitingKey{}).(func(string)); ok && fn != nil {
		return fn
	}
	return func(string) {}
}
