package dev.spm.examples.sat;

import java.util.Arrays;

/**
 * A conflict-driven clause-learning SAT solver in the manner of minisat and glucose, written to be
 * one member of a portfolio: it can be stopped from another thread, and it shares short learnt
 * clauses through a {@link ClauseExchange}.
 *
 * <p>Use: construct it on a formula (this loads the clauses and, with {@link Config#eliminate()},
 * runs a bounded variable elimination, which cannot be stopped but is bounded in work), then call
 * {@link #solve()} once, on one thread. {@link #stop()} may be called from any thread at any time;
 * {@code solve} then returns {@code UNKNOWN} soon after (it polls the flag before every
 * propagation round, and every 1024 flips of a local-search walk). Every SATISFIABLE result
 * carries a model that has been checked against every clause of the formula.
 *
 * <p>Failures: an exception thrown by the exchange ends {@code solve} with that exception; an
 * imported clause with a literal outside the formula's variables ends it with an {@link
 * IllegalArgumentException} naming the literal. A model that fails the final check (a bug in
 * this class) is an {@link IllegalStateException}, never a wrong answer.
 */
public final class CdclSolver {
  /*
   * Overview.
   *
   * Literals are ints: 2*v for variable v (0-based) true, 2*v+1 for it false, so that lit^1 is the
   * negation and lit>>1 the variable. value[] is indexed by literal (TRUE, FALSE or UNDEF), and
   * both literals of a variable are set together.
   *
   * Clauses live in one int array, the arena. A clause at reference cr is
   *   arena[cr] = size, arena[cr+1] = flags (LEARNT, DELETED, PROTECTED) | lbd << LBD_SHIFT,
   *   arena[cr+2] = activity as float bits (learnt clauses), arena[cr+3 ..] = literals.
   * Invariant: the two watched literals of a clause are its first two. A clause that is the
   * reason of a literal has that literal first, except binary clauses, whose order analysis fixes
   * when it meets them. Deleted clauses are only flagged; watch lists are swept after each
   * reduction and the arena is compacted when more than a fifth of it is garbage (references in
   * reasons, watches and the clause lists are then forwarded).
   *
   * watches[l] lists the clauses of three or more literals watching literal l, as pairs
   * (reference, blocker): they are visited when l becomes false. A blocker is another literal of
   * the clause; when it is true the clause is skipped without reading the arena. Binary clauses
   * are in binWatches[l] instead, as pairs (other literal, reference), and are visited first,
   * from the list alone.
   *
   * Around the search loop (solve): at each restart, at level 0, clauses are imported, the
   * clauses satisfied by new units are removed, and now and then (walkEffort) a LocalSearch walk
   * starts from the saved phases and leaves its best assignment there. Variables removed by
   * Elimination are never decided; extend() gives them values in the model.
   *
   * Only the thread in solve() touches the state; stopRequested is the one field written by
   * others.
   */

  private static final byte TRUE = 1;
  private static final byte FALSE = -1;
  private static final int NONE = -1;

  private static final int SIZE = 0;
  private static final int FLAGS = 1;
  private static final int ACTIVITY = 2;
  private static final int HEADER = 3;
  private static final int LEARNT = 1;
  private static final int DELETED = 2;
  private static final int PROTECTED = 4;
  private static final int LBD_SHIFT = 3;

  private static final int LBD_QUEUE = 50;
  private static final int TRAIL_QUEUE = 5000;
  private static final double RESTART_K = 0.8;
  private static final double BLOCK_R = 1.4;
  private static final int SPECIAL_REDUCE_INCREMENT = 1000;
  /**
   * With a real exchange, the most conflicts between two import points (which are also when
   * exports ship): a restart is forced only past this, for members whose own restarts grow far
   * apart (Luby runs, blocked glucose restarts). At 5,000 the forced restarts doubled pigeonhole
   * 9's conflicts in a portfolio (97k against 52k alone).
   */
  private static final int SHARE_INTERVAL = 20_000;

  /** Literal visits allowed to variable elimination: a few seconds at most. */
  private static final long ELIMINATION_BUDGET = 200_000_000L;

  /** The first walk, and any walk, may take 10 flips per clause, but no more than this. */
  private static final long MIN_WALK_CAP = 2_000_000L;

  private final Cnf cnf;
  private final Elimination elimination;
  private final Config config;
  private final ClauseExchange exchange;
  private final boolean sharing;
  private final int numVars;
  private volatile boolean stopRequested;
  private boolean started;
  private boolean ok = true;

  private final byte[] value;
  private final int[] level;
  private final int[] reason;
  private final int[] trail;
  private int trailSize;
  private int qhead;
  private final IntVec trailLim = new IntVec();
  private final boolean[] savedNegative;

  private final double[] activity;
  private final VarHeap heap;
  private double varInc = 1;
  private float clauseInc = 1;
  private final SplitMix64 random;

  private int[] arena;
  private int arenaTop;
  private long wasted;
  private final IntVec originals = new IntVec();
  private final IntVec learnts = new IntVec();
  private final int[][] watches;
  private final int[] watchSize;
  private final int[][] binWatches;
  private final int[] binSize;

  private final byte[] seen;
  private final IntVec learnt = new IntVec();
  private final IntVec stack = new IntVec();
  private final IntVec toClear = new IntVec();
  private final int[] levelStamp;
  private int stamp;
  private final int[] litMark;
  private int mark;

  private final BoundedQueue lbdQueue = new BoundedQueue(LBD_QUEUE);
  private final BoundedQueue trailQueue = new BoundedQueue(TRAIL_QUEUE);
  private double lbdSum;
  private long nextReduce;
  private long reduceInterval;
  private int simplifyTrail = -1;
  private long simplifyBudget;

  private LocalSearch walker;
  private long nextWalk;
  private long walkPropagations;
  private int walks;

  private long conflicts;
  private long decisions;
  private long propagations;
  private long restarts;
  private long learntCount;
  private long exported;
  private long imported;
  private long lastImport;

  /**
   * A solver for {@code cnf}; it keeps a reference to it, to check the model. The clauses are
   * loaded here (units propagated), so construction takes time linear in the formula.
   */
  public CdclSolver(Cnf cnf, Config config, ClauseExchange exchange) {
    this.cnf = cnf;
    this.config = config;
    this.exchange = exchange;
    this.sharing = exchange != ClauseExchange.none();
    numVars = cnf.numVars();
    int numLits = 2 * numVars;
    value = new byte[numLits];
    level = new int[numVars];
    reason = new int[numVars];
    Arrays.fill(reason, NONE);
    trail = new int[numVars];
    savedNegative = new boolean[numVars];
    activity = new double[numVars];
    seen = new byte[numVars];
    levelStamp = new int[numVars + 1];
    litMark = new int[numLits];
    watches = new int[numLits][];
    watchSize = new int[numLits];
    binWatches = new int[numLits][];
    binSize = new int[numLits];
    long literals = cnf.numLiterals();
    arena = new int[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024,
        (literals + (long) HEADER * cnf.numClauses()) * 3 / 2))];

    random = new SplitMix64(config.seed() ^ 0x2545F4914F6CDD1DL);
    for (int v = 0; v < numVars; v++) {
      savedNegative[v] = switch (config.polarity()) {
        case FALSE -> true;
        case TRUE -> false;
        case RANDOM -> (random.nextLong() & 1) == 0;
      };
      if (config.randomInitialActivity()) {
        activity[v] = random.nextDouble() * 0.00001;
      }
    }
    heap = new VarHeap(activity);
    if (config.eliminate()) {
      elimination = new Elimination(cnf, ELIMINATION_BUDGET);
      for (int[] c : elimination.clauses()) {
        if (!ok) {
          break;
        }
        addAtLevelZero(c, false, 0);
      }
    } else {
      elimination = null;
      for (int i = 0; i < cnf.numClauses() && ok; i++) {
        addAtLevelZero(toInternal(cnf.clauseView(i)), false, 0);
      }
    }
    for (int v = 0; v < numVars; v++) {
      if (elimination == null || !elimination.isEliminated(v)) {
        heap.insert(v);
      }
    }
    reduceInterval = config.firstReduce();
    nextReduce = reduceInterval;
  }

  /** Asks {@link #solve()} to return {@code UNKNOWN} soon. Any thread, any time, idempotent. */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Searches until the formula is decided or {@link #stop()} is called.
   *
   * @throws IllegalStateException when called a second time
   */
  public SatResult solve() {
    if (started) {
      throw new IllegalStateException("solve() may be called once per CdclSolver");
    }
    started = true;
    int status = ok ? 0 : -1;
    boolean walkFound = false;
    double lubyBase = 2;
    int run = 0;
    while (status == 0) {
      importShared();
      if (!ok || !simplify()) {
        status = -1;
        break;
      }
      if (config.walkEffort() > 0 && conflicts >= nextWalk && walk()) {
        status = 1;
        walkFound = true;
        break;
      }
      long budget = config.restarts() == Config.Restarts.LUBY
          ? (long) (luby(lubyBase, run) * config.lubyUnit()) : Long.MAX_VALUE;
      run++;
      status = search(budget);
      if (status == 0) {
        restarts++;
        cancelUntil(0);
      }
    }
    SatResult.Stats stats = stats();
    if (status == 1) {
      int[] model = new int[numVars];
      for (int v = 0; v < numVars; v++) {
        boolean isTrue = value[2 * v] == 0 ? !savedNegative[v] : value[2 * v] == TRUE;
        model[v] = isTrue ? v + 1 : -(v + 1);
      }
      if (elimination != null && !walkFound) {
        elimination.extend(model);
      }
      int bad = cnf.firstFalsifiedClause(model);
      if (bad >= 0) {
        throw new IllegalStateException("the model found falsifies clause " + (bad + 1) + " "
            + Arrays.toString(cnf.clauseView(bad)) + ": a solver bug");
      }
      return new SatResult(SatResult.Status.SATISFIABLE, model, stats);
    }
    return new SatResult(status == -1 ? SatResult.Status.UNSATISFIABLE : SatResult.Status.UNKNOWN, new int[0],
        stats);
  }

  private SatResult.Stats stats() {
    return new SatResult.Stats(conflicts, decisions, propagations, restarts, learntCount, exported, imported);
  }

  /**
   * At level 0: local search from the saved phases, which then hold its best assignment. Returns
   * whether that assignment is a model (the variables unassigned at level 0 take their phases).
   */
  private boolean walk() {
    if (walker == null) {
      walker = new LocalSearch(cnf, config.seed());
    }
    walks++;
    long flips = Math.max(Math.min(10L * cnf.numClauses(), MIN_WALK_CAP),
        (long) (config.walkEffort() * (propagations - walkPropagations)));
    byte[] fixed = new byte[numVars];
    for (int v = 0; v < numVars; v++) {
      fixed[v] = value[2 * v];
    }
    boolean found = walker.walk(savedNegative, fixed, flips, () -> stopRequested);
    walkPropagations = propagations;
    nextWalk = conflicts + 1000L * walks;
    return found;
  }

  // ---- search -------------------------------------------------------------------------------

  /** 1: satisfiable, -1: unsatisfiable, 0: restart, 2: stopped. */
  private int search(long conflictBudget) {
    long runConflicts = 0;
    boolean luby = config.restarts() == Config.Restarts.LUBY;
    while (true) {
      if (stopRequested) {
        return 2;
      }
      int confl = propagate();
      if (confl != NONE) {
        conflicts++;
        runConflicts++;
        if (trailLim.size == 0) {
          ok = false;
          return -1;
        }
        if (!luby) {
          trailQueue.push(trailSize);
          if (conflicts > 10_000 && lbdQueue.isFull() && trailSize > BLOCK_R * trailQueue.average()) {
            lbdQueue.clear();
          }
        }
        int lbd = analyze(confl);
        learntCount++;
        lbdQueue.push(lbd);
        lbdSum += lbd;
        int size = learnt.size;
        if (size == 1) {
          cancelUntil(0);
          assign(learnt.data[0], NONE);
        } else {
          cancelUntil(level[learnt.data[1] >> 1]);
          int cr = allocate(learnt.data, size, true, lbd);
          learnts.push(cr);
          attach(cr);
          bumpClause(cr);
          assign(learnt.data[0], cr);
        }
        if (size <= config.exportMaxSize() || lbd <= config.exportMaxLbd()) {
          export(learnt.data, size, lbd);
        }
        varInc /= config.varDecay();
        clauseInc /= (float) config.clauseDecay();
      } else {
        boolean restart = luby ? runConflicts >= conflictBudget
            : lbdQueue.isFull() && lbdQueue.average() * RESTART_K > lbdSum / conflicts;
        restart |= sharing && conflicts - lastImport >= SHARE_INTERVAL;
        if (restart) {
          lbdQueue.clear();
          return 0;
        }
        if (conflicts >= nextReduce) {
          reduceInterval += config.reduceIncrement();
          nextReduce = conflicts + reduceInterval;
          reduceLearnts();
        }
        int next = pickBranchLiteral();
        if (next == NONE) {
          return 1;
        }
        decisions++;
        trailLim.push(trailSize);
        assign(next, NONE);
      }
    }
  }

  private void assign(int lit, int why) {
    int v = lit >> 1;
    value[lit] = TRUE;
    value[lit ^ 1] = FALSE;
    level[v] = trailLim.size;
    reason[v] = why;
    trail[trailSize++] = lit;
  }

  /** Unit propagation from the queue; returns a conflicting clause, or NONE. */
  private int propagate() {
    final byte[] value = this.value;
    final int[] arena = this.arena;
    final int[] trail = this.trail;
    final int[] level = this.level;
    final int[] reason = this.reason;
    final int[][] watches = this.watches;
    final int dl = trailLim.size;
    int confl = NONE;
    int qh = qhead;
    int ts = trailSize;
    while (qh < ts) {
      int falseLit = trail[qh++] ^ 1;
      int[] bs = binWatches[falseLit];
      for (int i = 0, n = binSize[falseLit]; i < n; i += 2) {
        int other = bs[i];
        byte ov = value[other];
        if (ov == TRUE) {
          continue;
        }
        if (ov == FALSE) {
          confl = bs[i + 1];
          break;
        }
        int v = other >> 1;
        value[other] = TRUE;
        value[other ^ 1] = FALSE;
        level[v] = dl;
        reason[v] = bs[i + 1];
        trail[ts++] = other;
      }
      if (confl != NONE) {
        qh = ts;
        break;
      }
      int[] ws = watches[falseLit];
      int n = watchSize[falseLit];
      int i = 0;
      int j = 0;
      while (i < n) {
        int cr = ws[i];
        int blocker = ws[i + 1];
        i += 2;
        byte bv = value[blocker];
        if (bv == TRUE) {
          ws[j] = cr;
          ws[j + 1] = blocker;
          j += 2;
          continue;
        }
        int lits = cr + HEADER;
        int first = arena[lits];
        if (first == falseLit) {
          first = arena[lits + 1];
          arena[lits] = first;
          arena[lits + 1] = falseLit;
        }
        if (first != blocker && value[first] == TRUE) {
          ws[j] = cr;
          ws[j + 1] = first;
          j += 2;
          continue;
        }
        int end = lits + arena[cr];
        int k = lits + 2;
        while (k < end && value[arena[k]] == FALSE) {
          k++;
        }
        if (k < end) {
          int w = arena[k];
          arena[lits + 1] = w;
          arena[k] = falseLit;
          addWatch(w, cr, first);
          continue;
        }
        ws[j] = cr;
        ws[j + 1] = first;
        j += 2;
        if (value[first] == FALSE) {
          confl = cr;
          break;
        }
        int v = first >> 1;
        value[first] = TRUE;
        value[first ^ 1] = FALSE;
        level[v] = dl;
        reason[v] = cr;
        trail[ts++] = first;
      }
      if (confl != NONE) {
        while (i < n) {
          ws[j++] = ws[i++];
        }
        watchSize[falseLit] = j;
        qh = ts;
        break;
      }
      watchSize[falseLit] = j;
    }
    propagations += ts - trailSize;
    qhead = qh;
    trailSize = ts;
    return confl;
  }

  private int pickBranchLiteral() {
    int next = NONE;
    if (config.randomFrequency() > 0 && !heap.isEmpty() && random.nextDouble() < config.randomFrequency()) {
      next = heap.at((int) (random.nextDouble() * heap.size()));
      if (value[2 * next] != 0) {
        next = NONE;
      }
    }
    while (next == NONE || value[2 * next] != 0) {
      if (heap.isEmpty()) {
        return NONE;
      }
      next = heap.removeMax();
    }
    return 2 * next + (savedNegative[next] ? 1 : 0);
  }

  private void cancelUntil(int targetLevel) {
    if (trailLim.size <= targetLevel) {
      return;
    }
    int bottom = trailLim.data[targetLevel];
    boolean save = config.phaseSaving();
    for (int c = trailSize - 1; c >= bottom; c--) {
      int lit = trail[c];
      int v = lit >> 1;
      value[lit] = 0;
      value[lit ^ 1] = 0;
      if (save) {
        savedNegative[v] = (lit & 1) != 0;
      }
      if (!heap.contains(v)) {
        heap.insert(v);
      }
    }
    trailSize = bottom;
    qhead = bottom;
    trailLim.shrinkTo(targetLevel);
  }

  // ---- conflict analysis --------------------------------------------------------------------

  /**
   * First-UIP learning into {@link #learnt}: the asserting literal first, a literal of the
   * backjump level second. Returns the clause's LBD.
   */
  private int analyze(int confl) {
    final int[] arena = this.arena;
    final int dl = trailLim.size;
    learnt.clear();
    learnt.push(NONE);
    int pathCount = 0;
    int p = NONE;
    int index = trailSize - 1;
    do {
      int lits = confl + HEADER;
      int size = arena[confl + SIZE];
      if (size == 2 && value[arena[lits]] == FALSE) {
        int t = arena[lits];
        arena[lits] = arena[lits + 1];
        arena[lits + 1] = t;
      }
      int flags = arena[confl + FLAGS];
      if ((flags & LEARNT) != 0) {
        bumpClause(confl);
        int oldLbd = flags >>> LBD_SHIFT;
        if (oldLbd > 2) {
          int newLbd = lbd(arena, lits, lits + size);
          if (newLbd + 1 < oldLbd) {
            arena[confl + FLAGS] = (flags & (LEARNT | DELETED)) | (newLbd <= 30 ? PROTECTED : 0)
                | newLbd << LBD_SHIFT;
          }
        }
      }
      for (int k = p == NONE ? 0 : 1; k < size; k++) {
        int q = arena[lits + k];
        int v = q >> 1;
        if (seen[v] == 0 && level[v] > 0) {
          bumpVariable(v);
          seen[v] = 1;
          if (level[v] >= dl) {
            pathCount++;
          } else {
            learnt.push(q);
          }
        }
      }
      while (seen[trail[index--] >> 1] == 0) {
        // walk back to the next literal of the conflict side
      }
      p = trail[index + 1];
      confl = reason[p >> 1];
      seen[p >> 1] = 0;
      pathCount--;
    } while (pathCount > 0);
    learnt.data[0] = p ^ 1;

    toClear.clear();
    for (int i = 1; i < learnt.size; i++) {
      toClear.push(learnt.data[i]);
    }
    if (config.minimize()) {
      int abstractLevels = 0;
      for (int i = 1; i < learnt.size; i++) {
        abstractLevels |= abstractLevel(learnt.data[i] >> 1);
      }
      int j = 1;
      for (int i = 1; i < learnt.size; i++) {
        int q = learnt.data[i];
        if (reason[q >> 1] == NONE || !redundant(q, abstractLevels)) {
          learnt.data[j++] = q;
        }
      }
      learnt.shrinkTo(j);
    }
    for (int i = 0; i < toClear.size; i++) {
      seen[toClear.data[i] >> 1] = 0;
    }

    if (learnt.size > 1) {
      int max = 1;
      for (int i = 2; i < learnt.size; i++) {
        if (level[learnt.data[i] >> 1] > level[learnt.data[max] >> 1]) {
          max = i;
        }
      }
      int t = learnt.data[max];
      learnt.data[max] = learnt.data[1];
      learnt.data[1] = t;
    }
    return lbd(learnt.data, 0, learnt.size);
  }

  private int abstractLevel(int v) {
    return 1 << (level[v] & 31);
  }

  /** Whether {@code p} of the learnt clause is implied by the clause's other literals. */
  private boolean redundant(int p, int abstractLevels) {
    final int[] arena = this.arena;
    stack.clear();
    stack.push(p);
    int top = toClear.size;
    while (stack.size > 0) {
      int q = stack.pop();
      int cr = reason[q >> 1];
      int lits = cr + HEADER;
      int size = arena[cr + SIZE];
      if (size == 2 && value[arena[lits]] == FALSE) {
        int t = arena[lits];
        arena[lits] = arena[lits + 1];
        arena[lits + 1] = t;
      }
      for (int k = 1; k < size; k++) {
        int l = arena[lits + k];
        int v = l >> 1;
        if (seen[v] == 0 && level[v] > 0) {
          if (reason[v] != NONE && (abstractLevel(v) & abstractLevels) != 0) {
            seen[v] = 1;
            stack.push(l);
            toClear.push(l);
          } else {
            for (int i = top; i < toClear.size; i++) {
              seen[toClear.data[i] >> 1] = 0;
            }
            toClear.shrinkTo(top);
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The number of distinct decision levels among {@code lits[from..to)}. */
  private int lbd(int[] lits, int from, int to) {
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(levelStamp, 0);
      stamp = 1;
    }
    int count = 0;
    for (int i = from; i < to; i++) {
      int l = level[lits[i] >> 1];
      if (levelStamp[l] != stamp) {
        levelStamp[l] = stamp;
        count++;
      }
    }
    return count;
  }

  private void bumpVariable(int v) {
    if ((activity[v] += varInc) > 1e100) {
      for (int i = 0; i < numVars; i++) {
        activity[i] *= 1e-100;
      }
      varInc *= 1e-100;
    }
    if (heap.contains(v)) {
      heap.increased(v);
    }
  }

  private void bumpClause(int cr) {
    float a = Float.intBitsToFloat(arena[cr + ACTIVITY]) + clauseInc;
    arena[cr + ACTIVITY] = Float.floatToRawIntBits(a);
    if (a > 1e20f) {
      for (int i = 0; i < learnts.size; i++) {
        int c = learnts.data[i];
        arena[c + ACTIVITY] = Float.floatToRawIntBits(Float.intBitsToFloat(arena[c + ACTIVITY]) * 1e-20f);
      }
      clauseInc *= 1e-20f;
    }
  }

  // ---- clauses ------------------------------------------------------------------------------

  private int allocate(int[] lits, int size, boolean isLearnt, int lbd) {
    int need = HEADER + size;
    if (arenaTop + need > arena.length) {
      long grown = Math.max((long) arena.length * 3 / 2, (long) arenaTop + need);
      if (grown > Integer.MAX_VALUE - 16) {
        throw new OutOfMemoryError("the clause arena would exceed 2^31 ints");
      }
      arena = Arrays.copyOf(arena, (int) grown);
    }
    int cr = arenaTop;
    arena[cr + SIZE] = size;
    arena[cr + FLAGS] = (isLearnt ? LEARNT : 0) | Math.min(lbd, 1 << 20) << LBD_SHIFT;
    arena[cr + ACTIVITY] = 0;
    System.arraycopy(lits, 0, arena, cr + HEADER, size);
    arenaTop += need;
    return cr;
  }

  private void attach(int cr) {
    int l0 = arena[cr + HEADER];
    int l1 = arena[cr + HEADER + 1];
    if (arena[cr + SIZE] == 2) {
      binWatches[l0] = push(binWatches[l0], binSize, l0, l1, cr);
      binWatches[l1] = push(binWatches[l1], binSize, l1, l0, cr);
    } else {
      addWatch(l0, cr, l1);
      addWatch(l1, cr, l0);
    }
  }

  /** Appends the pair (a, b) to list {@code lit} of a pair-list family; returns the list. */
  private static int[] push(int[] list, int[] sizes, int lit, int a, int b) {
    int n = sizes[lit];
    if (list == null) {
      list = new int[8];
    } else if (n == list.length) {
      list = Arrays.copyOf(list, n * 2);
    }
    list[n] = a;
    list[n + 1] = b;
    sizes[lit] = n + 2;
    return list;
  }

  private void addWatch(int lit, int ref, int blocker) {
    int[] ws = watches[lit];
    int n = watchSize[lit];
    if (ws == null) {
      ws = new int[8];
      watches[lit] = ws;
    } else if (n == ws.length) {
      ws = Arrays.copyOf(ws, n * 2);
      watches[lit] = ws;
    }
    ws[n] = ref;
    ws[n + 1] = blocker;
    watchSize[lit] = n + 2;
  }

  /**
   * The clause in the solver's literals, or null when it names a variable that elimination
   * removed (such a clause cannot be added; see {@link Config#eliminate()}).
   *
   * @throws IllegalArgumentException when a literal is 0 or beyond the formula's variables
   */
  private int[] toInternal(int[] dimacs) {
    int[] lits = new int[dimacs.length];
    for (int i = 0; i < dimacs.length; i++) {
      int d = dimacs[i];
      int v = Math.abs(d) - 1;
      if (d == 0 || v >= numVars) {
        throw new IllegalArgumentException("literal " + d + " is outside the formula's variables 1.." + numVars);
      }
      if (elimination != null && elimination.isEliminated(v)) {
        return null;
      }
      lits[i] = 2 * v + (d < 0 ? 1 : 0);
    }
    return lits;
  }

  /**
   * Adds a clause at decision level 0: drops repeated literals and those false at level 0,
   * ignores tautologies and clauses already satisfied, and assigns and propagates a unit. An empty
   * result, or a unit in conflict, makes the formula unsatisfiable ({@code ok} false).
   */
  private void addAtLevelZero(int[] clause, boolean isLearnt, int lbd) {
    if (++mark == Integer.MAX_VALUE) {
      Arrays.fill(litMark, 0);
      mark = 1;
    }
    learnt.clear();
    for (int lit : clause) {
      if (value[lit] == TRUE || litMark[lit ^ 1] == mark) {
        return;
      }
      if (value[lit] == FALSE || litMark[lit] == mark) {
        continue;
      }
      litMark[lit] = mark;
      learnt.push(lit);
    }
    if (learnt.size == 0) {
      ok = false;
    } else if (learnt.size == 1) {
      assign(learnt.data[0], NONE);
      ok = propagate() == NONE;
    } else {
      int cr = allocate(learnt.data, learnt.size, isLearnt, Math.max(1, Math.min(lbd, learnt.size)));
      (isLearnt ? learnts : originals).push(cr);
      attach(cr);
    }
  }

  private void export(int[] lits, int size, int lbd) {
    int[] clause = new int[size];
    for (int i = 0; i < size; i++) {
      int lit = lits[i];
      clause[i] = (lit & 1) == 0 ? (lit >> 1) + 1 : -((lit >> 1) + 1);
    }
    exported++;
    exchange.export(clause, lbd);
  }

  private void importShared() {
    lastImport = conflicts;
    exchange.importInto((clause, lbd) -> {
      imported++;
      int[] lits = toInternal(clause);
      if (ok && lits != null) {
        addAtLevelZero(lits, true, lbd);
      }
    });
  }

  /**
   * At level 0: propagates, then, when new units appeared and enough propagation happened since
   * the last time, removes the clauses they satisfy. Returns false when the formula is
   * unsatisfiable.
   */
  private boolean simplify() {
    if (propagate() != NONE) {
      ok = false;
      return false;
    }
    if (trailSize == simplifyTrail || propagations < simplifyBudget) {
      return true;
    }
    for (int i = 0; i < trailSize; i++) {
      reason[trail[i] >> 1] = NONE;
    }
    removeSatisfied(learnts);
    removeSatisfied(originals);
    sweepWatches();
    compactIfWasteful();
    simplifyTrail = trailSize;
    simplifyBudget = propagations + cnf.numLiterals();
    return true;
  }

  private void removeSatisfied(IntVec list) {
    int j = 0;
    for (int i = 0; i < list.size; i++) {
      int cr = list.data[i];
      boolean satisfied = false;
      for (int k = cr + HEADER, end = k + arena[cr + SIZE]; k < end; k++) {
        if (value[arena[k]] == TRUE) {
          satisfied = true;
          break;
        }
      }
      if (satisfied) {
        delete(cr);
      } else {
        list.data[j++] = cr;
      }
    }
    list.shrinkTo(j);
  }

  private void delete(int cr) {
    arena[cr + FLAGS] |= DELETED;
    wasted += HEADER + arena[cr + SIZE];
  }

  /**
   * Deletes the worse half of the learnt clauses, judged by LBD and then activity, sparing those
   * with LBD ≤ 2, those that are the reason of an assignment, and those whose LBD just improved.
   */
  private void reduceLearnts() {
    int n = learnts.size;
    if (n >= 1 << 24) {
      throw new IllegalStateException("more than 2^24 learnt clauses");
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      int cr = learnts.data[i];
      long lbd = Math.min(arena[cr + FLAGS] >>> LBD_SHIFT, 0xFFFF);
      long act = arena[cr + ACTIVITY] >>> 8;
      keys[i] = (0xFFFF - lbd) << 47 | act << 24 | i;
    }
    Arrays.sort(keys);
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = learnts.data[(int) (keys[i] & 0xFFFFFF)];
    }
    if (n > 0 && (arena[sorted[n / 2] + FLAGS] >>> LBD_SHIFT) <= 3) {
      reduceInterval += SPECIAL_REDUCE_INCREMENT;
    }
    int limit = n / 2;
    int j = 0;
    for (int i = 0; i < n; i++) {
      int cr = sorted[i];
      int flags = arena[cr + FLAGS];
      if (i < limit && (flags >>> LBD_SHIFT) > 2 && (flags & PROTECTED) == 0 && !locked(cr)) {
        delete(cr);
      } else {
        if ((flags & PROTECTED) != 0) {
          arena[cr + FLAGS] = flags & ~PROTECTED;
          limit++;
        }
        learnts.data[j++] = cr;
      }
    }
    learnts.shrinkTo(j);
    sweepWatches();
    compactIfWasteful();
  }

  private boolean locked(int cr) {
    int first = arena[cr + HEADER];
    return value[first] == TRUE && reason[first >> 1] == cr;
  }

  /** Removes deleted clauses from the watch lists. */
  private void sweepWatches() {
    for (int lit = 0; lit < watches.length; lit++) {
      sweep(watches[lit], watchSize, lit, 0);
      sweep(binWatches[lit], binSize, lit, 1);
    }
  }

  /** Drops the pairs of list {@code lit} whose clause (at offset {@code refAt} of the pair) is deleted. */
  private void sweep(int[] list, int[] sizes, int lit, int refAt) {
    int n = sizes[lit];
    int j = 0;
    for (int i = 0; i < n; i += 2) {
      if ((arena[list[i + refAt] + FLAGS] & DELETED) == 0) {
        list[j] = list[i];
        list[j + 1] = list[i + 1];
        j += 2;
      }
    }
    sizes[lit] = j;
  }

  /**
   * Copies the live clauses to a fresh arena when more than a fifth of it is garbage, and
   * forwards every reference. Call only after {@link #sweepWatches()}, when no watch, reason or
   * list refers to a deleted clause.
   */
  private void compactIfWasteful() {
    if (wasted * 5 <= arenaTop) {
      return;
    }
    int[] old = arena;
    int[] fresh = new int[Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 16, (arenaTop - wasted) * 3 / 2))];
    int top = 0;
    for (IntVec list : new IntVec[] {originals, learnts}) {
      for (int i = 0; i < list.size; i++) {
        int cr = list.data[i];
        int len = HEADER + old[cr + SIZE];
        System.arraycopy(old, cr, fresh, top, len);
        old[cr + ACTIVITY] = top;
        list.data[i] = top;
        top += len;
      }
    }
    for (int i = 0; i < trailSize; i++) {
      int v = trail[i] >> 1;
      if (reason[v] != NONE) {
        reason[v] = old[reason[v] + ACTIVITY];
      }
    }
    for (int lit = 0; lit < watches.length; lit++) {
      int[] ws = watches[lit];
      for (int i = 0, n = watchSize[lit]; i < n; i += 2) {
        ws[i] = old[ws[i] + ACTIVITY];
      }
      int[] bs = binWatches[lit];
      for (int i = 1, n = binSize[lit]; i < n; i += 2) {
        bs[i] = old[bs[i] + ACTIVITY];
      }
    }
    arena = fresh;
    arenaTop = top;
    wasted = 0;
  }

  // ---- small helpers ------------------------------------------------------------------------

  /** minisat's Luby sequence: y^k for the x-th (0-based) element. */
  static double luby(double y, int x) {
    int size = 1;
    int seq = 0;
    while (size < x + 1) {
      seq++;
      size = 2 * size + 1;
    }
    while (size - 1 != x) {
      size = (size - 1) >> 1;
      seq--;
      x = x % size;
    }
    return Math.pow(y, seq);
  }

  /** A fixed-size window of the last values pushed, with their running sum. */
  private static final class BoundedQueue {
    private final int[] values;
    private int next;
    private int count;
    private long sum;

    BoundedQueue(int capacity) {
      values = new int[capacity];
    }

    void push(int x) {
      if (count == values.length) {
        sum -= values[next];
      } else {
        count++;
      }
      values[next] = x;
      sum += x;
      next = next + 1 == values.length ? 0 : next + 1;
    }

    boolean isFull() {
      return count == values.length;
    }

    double average() {
      return (double) sum / count;
    }

    void clear() {
      count = 0;
      next = 0;
      sum = 0;
    }
  }
}
