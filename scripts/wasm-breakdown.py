#!/usr/bin/env python3
"""What weighs in the wasm: code bytes per crate (per engine module), from the name section.

Usage: python3 scripts/wasm-breakdown.py [target/wasm32-unknown-unknown/release/authlens.wasm] [depth] [rows]
Run it on the wasm cargo builds before wasm-bindgen and wasm-opt (it still has function names);
sizes are before optimisation, so read them as shares, not final bytes."""
import os, sys, re, collections

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get("CARGO_TARGET_DIR", "target"), "wasm32-unknown-unknown/release/authlens.wasm")
data=open(PATH,'rb').read()
def leb(b,i):
    r=s=0
    while True:
        x=b[i]; i+=1; r|=(x&0x7f)<<s; s+=7
        if x<0x80: return r,i
i=8; secs=[]
nimports=0; bodies=[]; names={}; datasz=0
while i<len(data):
    sid=data[i]; i+=1; n,i=leb(data,i); secs.append((sid,i,n))
    body=data[i:i+n]
    if sid==2:
        c,j=leb(body,0)
        for _ in range(c):
            l,j=leb(body,j); j+=l; l,j=leb(body,j); j+=l; k=body[j]; j+=1
            if k==0: nimports+=1; _,j=leb(body,j)
            elif k==1: j+=1; f=body[j]; j+=1; _,j=leb(body,j); 
            elif k==2: f=body[j]; j+=1; _,j=leb(body,j); j= leb(body,j)[1] if f&1 else j
            elif k==3: j+=2
            if k==1 and f&1: _,j=leb(body,j)
    if sid==10:
        c,j=leb(body,0)
        for _ in range(c):
            l,j2=leb(body,j); bodies.append(l+(j2-j)); j=j2+l
    if sid==11: datasz=n
    if sid==0:
        l,j=leb(body,0); nm=body[j:j+l].decode(); j+=l
        if nm=='name':
            while j<len(body):
                t=body[j]; j+=1; sl,j=leb(body,j); end=j+sl
                if t==1:
                    c,k=leb(body,j)
                    for _ in range(c):
                        idx,k=leb(body,k); l,k=leb(body,k); names[idx]=body[k:k+l].decode('utf8','replace'); k+=l
                j=end
    i+=n

def dem(n):
    if n.startswith('_ZN'):
        i=3; parts=[]
        while i<len(n) and n[i].isdigit():
            j=i
            while n[j].isdigit(): j+=1
            l=int(n[i:j]); parts.append(n[j:j+l]); i=j+l
        return parts
    if n.startswith('_R'):
        return re.findall(r'Cs[0-9A-Za-z_]+?_\d*([a-z_][a-z0-9_]*)', n)[:1] or [n[:20]]
    return [n[:20]]
depth=int(sys.argv[2]) if len(sys.argv)>2 else 3
g=collections.Counter()
for k,sz in enumerate(bodies):
    p=dem(names.get(nimports+k,'?'))
    p=[x.replace('$LT$','<').replace('$u20$',' ') for x in p]
    # impl blocks: take crate inside
    key=p[0]
    if key.startswith('_<') or key.startswith('<') or key[0].isdigit() or key.startswith('_$LT$'):
        m=re.search(r'<\$?(?:RF\$)?([a-z_0-9]+)\.\.', '.'.join(p)) or re.search(r'([a-z_0-9]+)\.\.',p[0])
        key=(m.group(1) if m else p[0][:25])
        p=[key]
    g['::'.join(p[:depth]) if key=='authlens' else key]+=sz
tot=sum(bodies)
for k,v in g.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 40): print("%7d %5.1f%% %s"%(v,100*v/tot,k))
