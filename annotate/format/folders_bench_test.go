package format

import (
	"bytes"
	"io"
	"testing"
	"testing/fstest"
)

// mapFolder is a Folder that writes into a MapFS under root.
type mapFolder struct {
	fs   fstest.MapFS
	root string
}

func (m mapFolder) Create(name string) (io.WriteCloser, error) {
	return &mapFile{fs: m.fs, name: m.root + "/" + name}, nil
}

type mapFile struct {
	fs   fstest.MapFS
	name string
	buf  bytes.Buffer
}

func (f *mapFile) Write(p []byte) (int, error) { return f.buf.Write(p) }
func (f *mapFile) Close() error {
	f.fs[f.name] = &fstest.MapFile{Data: bytes.Clone(f.buf.Bytes())}
	return nil
}

// folderOf writes n news-sized documents (5 KB, 30 spans, 10 relations,
// attributes) in format f into an in-memory folder "c" and returns it with
// its size in bytes.
func folderOf(b *testing.B, f Format, n int) (fstest.MapFS, int64) {
	fsys := fstest.MapFS{}
	enc := f.FolderWriter.NewFolderEncoder(mapFolder{fs: fsys, root: "c"}, Options{}, new(Loss))
	for i := range n {
		d := newsDoc(i)
		for j := range d.Spans {
			d.Spans[j].Layer = "technique"
		}
		if err := enc.Encode(d); err != nil {
			b.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, file := range fsys {
		size += int64(len(file.Data))
	}
	return fsys, size
}

func benchmarkFolderRead(b *testing.B, f Format) {
	const docs = 1000
	fsys, size := folderOf(b, f, docs)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		r, err := All().Read(NewInput(fsys, "c"), f.Name, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, err := range r.Records() {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != docs {
			b.Fatalf("read %d documents", n)
		}
	}
}

// BenchmarkBratRead reads a brat folder of 1,000 news-sized documents.
func BenchmarkBratRead(b *testing.B) { benchmarkFolderRead(b, Brat()) }

// BenchmarkPTCRead reads a PTC folder of 1,000 documents.
func BenchmarkPTCRead(b *testing.B) { benchmarkFolderRead(b, PTC()) }

// BenchmarkSemEval2023Read reads a SemEval-2023 folder of 1,000 documents.
func BenchmarkSemEval2023Read(b *testing.B) { benchmarkFolderRead(b, SemEval2023()) }

// BenchmarkBratWrite writes 1,000 documents as brat.
func BenchmarkBratWrite(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		folderOf(b, Brat(), 1000)
	}
}
