package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"frametag/storage/sqlite"
	_ "modernc.org/sqlite"
)

func main() {
	ctx := context.Background()
	path := os.Args[1]
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		st, err := sqlite.Opener{}.Open(ctx, path)
		if err != nil {
			panic(err)
		}
		t1 := time.Now()
		all, err := st.Documents(ctx, "ada")
		if err != nil {
			panic(err)
		}
		t2 := time.Now()
		st.Close()
		fmt.Println("open", t1.Sub(t0), "Documents", t2.Sub(t1), len(all))
	}
	db, _ := sql.Open("sqlite", "file:"+path+"?mode=ro")
	for _, q := range []string{
		`SELECT d.id, d.title, COALESCE(st.status, 'todo') FROM documents d LEFT JOIN statuses st ON st.doc = d.id AND st.annotator = 'ada' ORDER BY d.position`,
		`SELECT d.id, d.title, COALESCE(st.status, 'todo'), (SELECT count(*) FROM spans s WHERE s.doc = d.id AND s.annotator = 'ada') FROM documents d LEFT JOIN statuses st ON st.doc = d.id AND st.annotator = 'ada' ORDER BY d.position`,
		`SELECT d.id, d.title, COALESCE(st.status, 'todo'), (SELECT count(*) FROM spans s WHERE s.doc_pos = d.position AND s.annotator = 'ada') FROM documents d LEFT JOIN statuses st ON st.doc = d.id AND st.annotator = 'ada' ORDER BY d.position`,
	} {
		for i := 0; i < 2; i++ {
			t0 := time.Now()
			rows, err := db.Query(q)
			if err != nil {
				panic(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			fmt.Println(time.Since(t0), n, q[:60])
		}
	}
	r := db.QueryRow(`EXPLAIN QUERY PLAN SELECT count(*) FROM spans s WHERE s.doc = 'd5' AND s.annotator = 'ada'`)
	var a, b, c int
	var d string
	r.Scan(&a, &b, &c, &d)
	fmt.Println(d)
}
