package format

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkToolFormatRead reads 1,000 news-sized documents (30 spans, 10
// relations each) written by each tool format's writer; CSV reads their
// texts as a table.
func BenchmarkToolFormatRead(b *testing.B) {
	const count = 1000
	formats := []Format{Doccano(), Prodigy(), LabelStudio(), CSV()}
	files := make([][]byte, len(formats))
	for i, f := range formats {
		// One document at a time: a thousand documents held live would
		// weigh on every garbage collection of the reads measured.
		var buf bytes.Buffer
		var enc Encoder
		if f.StreamWriter != nil {
			enc = f.StreamWriter.NewEncoder(&buf, Options{}.resolve(f), new(Loss))
		} else {
			buf.WriteString("id,title,text\n")
		}
		for n := range count {
			d := newsDoc(n)
			if enc == nil {
				fmt.Fprintf(&buf, "%s,%s,\"%s\"\n", d.ID, d.Title, strings.ReplaceAll(d.Text, `"`, `""`))
			} else if err := enc.Encode(d); err != nil {
				b.Fatal(err)
			}
		}
		if enc != nil {
			enc.Flush()
		}
		files[i] = buf.Bytes()
	}
	runtime.GC()
	for i, f := range formats {
		data := files[i]
		b.Run(f.Name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			opt := Options{}.resolve(f)
			for b.Loop() {
				n := 0
				for _, err := range f.FileReader.ReadFile("bench", bytes.NewReader(data), opt, new(Loss)) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != count {
					b.Fatalf("%d documents", n)
				}
			}
		})
	}
}

// TestLargeLabelStudioExportStreams writes a Label Studio export of
// FRAMETAG_BIG_MB megabytes (news-sized tasks) to a temporary file and reads
// it back, reporting the time and the most memory the heap held: the array
// is read a task at a time, so the peak stays flat whatever the size. Run
// by hand: FRAMETAG_BIG_MB=500 go test ./annotate/format -run LargeLabelStudio -v
func TestLargeLabelStudioExportStreams(t *testing.T) {
	mb, _ := strconv.Atoi(os.Getenv("FRAMETAG_BIG_MB"))
	if mb <= 0 {
		t.Skip("set FRAMETAG_BIG_MB to run")
	}
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := LabelStudio().StreamWriter.NewEncoder(w, Options{}.resolve(LabelStudio()), new(Loss))
	n := 0
	for size := int64(0); size < int64(mb)<<20; n++ {
		if err := enc.Encode(newsDoc(n)); err != nil {
			t.Fatal(err)
		}
		if n%100 == 0 {
			w.Flush()
			info, _ := f.Stat()
			size = info.Size()
		}
	}
	enc.Flush()
	w.Flush()
	f.Close()
	info, _ := os.Stat(path)

	runtime.GC()
	var peak uint64
	done := make(chan bool)
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	start := time.Now()
	read := 0
	for _, err := range LabelStudio().FileReader.ReadFile(path, in, Options{}.resolve(LabelStudio()), new(Loss)) {
		if err != nil {
			t.Fatal(err)
		}
		read++
	}
	took := time.Since(start)
	close(done)
	if read != n {
		t.Fatalf("read %d tasks, wrote %d", read, n)
	}
	t.Logf("%d tasks, %.0f MB in %v: %.1f MB/s; heap in use at most %.1f MB",
		n, float64(info.Size())/1e6, took.Round(time.Millisecond), float64(info.Size())/1e6/took.Seconds(), float64(peak)/1e6)
}
